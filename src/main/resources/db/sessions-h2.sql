-- Spring Session's tables (the /app and sign-in sessions) and Spring Authorization Server's record of
-- codes and tokens it issued: in the database, so every instance sharing it serves every user.
CREATE TABLE IF NOT EXISTS spring_session (
  primary_id char(36) NOT NULL,
  session_id char(36) NOT NULL,
  creation_time bigint NOT NULL,
  last_access_time bigint NOT NULL,
  max_inactive_interval int NOT NULL,
  expiry_time bigint NOT NULL,
  principal_name varchar(100),
  CONSTRAINT spring_session_pk PRIMARY KEY (primary_id)
);
CREATE UNIQUE INDEX IF NOT EXISTS spring_session_ix1 ON spring_session (session_id);
CREATE INDEX IF NOT EXISTS spring_session_ix2 ON spring_session (expiry_time);
CREATE INDEX IF NOT EXISTS spring_session_ix3 ON spring_session (principal_name);
CREATE TABLE IF NOT EXISTS spring_session_attributes (
  session_primary_id char(36) NOT NULL,
  attribute_name varchar(200) NOT NULL,
  attribute_bytes blob NOT NULL,
  CONSTRAINT spring_session_attributes_pk PRIMARY KEY (session_primary_id, attribute_name),
  CONSTRAINT spring_session_attributes_fk FOREIGN KEY (session_primary_id) REFERENCES spring_session (primary_id) ON DELETE CASCADE
);
-- blob columns, as the authorization server reads and writes them
CREATE TABLE IF NOT EXISTS oauth2_authorization (
  id varchar(100) NOT NULL,
  registered_client_id varchar(100) NOT NULL,
  principal_name varchar(200) NOT NULL,
  authorization_grant_type varchar(100) NOT NULL,
  authorized_scopes varchar(1000),
  attributes blob,
  state varchar(500),
  authorization_code_value blob,
  authorization_code_issued_at timestamp,
  authorization_code_expires_at timestamp,
  authorization_code_metadata blob,
  access_token_value blob,
  access_token_issued_at timestamp,
  access_token_expires_at timestamp,
  access_token_metadata blob,
  access_token_type varchar(100),
  access_token_scopes varchar(1000),
  oidc_id_token_value blob,
  oidc_id_token_issued_at timestamp,
  oidc_id_token_expires_at timestamp,
  oidc_id_token_metadata blob,
  refresh_token_value blob,
  refresh_token_issued_at timestamp,
  refresh_token_expires_at timestamp,
  refresh_token_metadata blob,
  user_code_value blob,
  user_code_issued_at timestamp,
  user_code_expires_at timestamp,
  user_code_metadata blob,
  device_code_value blob,
  device_code_issued_at timestamp,
  device_code_expires_at timestamp,
  device_code_metadata blob,
  PRIMARY KEY (id)
);
