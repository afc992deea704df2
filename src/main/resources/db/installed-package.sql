-- Which FHIR package content was last installed into this database (H2 and PostgreSQL alike), so a restart
-- with the same package skips the install.
CREATE TABLE IF NOT EXISTS fibroplan_installed_package (
  package_name varchar(214) NOT NULL PRIMARY KEY,
  content_hash varchar(64) NOT NULL,
  installed_at timestamp NOT NULL
);
