-- SMART EHR launches (security module, SmartLaunches): an opaque launch token names a patient and the user
-- it was issued to. Unused, it expires within minutes; once a sign-in has used it, it belongs to that
-- authorization (its refresh tokens keep the patient) and no other sign-in can use it again.
-- In the database, so a launch issued on one instance is honoured by every instance sharing it.
CREATE TABLE IF NOT EXISTS fibroplan_smart_launch (
  launch_id varchar(64) NOT NULL,
  patient_id varchar(64) NOT NULL,
  user_name varchar(200) NOT NULL,
  expires_at bigint NOT NULL,
  authorization_id varchar(100),
  CONSTRAINT fibroplan_smart_launch_pk PRIMARY KEY (launch_id)
);
CREATE INDEX IF NOT EXISTS fibroplan_smart_launch_ix1 ON fibroplan_smart_launch (authorization_id);
CREATE INDEX IF NOT EXISTS fibroplan_smart_launch_ix2 ON fibroplan_smart_launch (expires_at);
