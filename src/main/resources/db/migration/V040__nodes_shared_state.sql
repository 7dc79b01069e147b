-- Several nodes on one database: what was kept in one node's memory is kept here.

-- Web sessions and their CSRF tokens (Spring Session JDBC's own schema; Boot's initializer is off).
CREATE TABLE SPRING_SESSION (
  PRIMARY_ID CHAR(36) NOT NULL,
  SESSION_ID CHAR(36) NOT NULL,
  CREATION_TIME BIGINT NOT NULL,
  LAST_ACCESS_TIME BIGINT NOT NULL,
  MAX_INACTIVE_INTERVAL INT NOT NULL,
  EXPIRY_TIME BIGINT NOT NULL,
  PRINCIPAL_NAME VARCHAR(100),
  CONSTRAINT SPRING_SESSION_PK PRIMARY KEY (PRIMARY_ID)
);
CREATE UNIQUE INDEX SPRING_SESSION_IX1 ON SPRING_SESSION (SESSION_ID);
CREATE INDEX SPRING_SESSION_IX2 ON SPRING_SESSION (EXPIRY_TIME);
CREATE INDEX SPRING_SESSION_IX3 ON SPRING_SESSION (PRINCIPAL_NAME);
CREATE TABLE SPRING_SESSION_ATTRIBUTES (
  SESSION_PRIMARY_ID CHAR(36) NOT NULL,
  ATTRIBUTE_NAME VARCHAR(200) NOT NULL,
  ATTRIBUTE_BYTES BYTEA NOT NULL,
  CONSTRAINT SPRING_SESSION_ATTRIBUTES_PK PRIMARY KEY (SESSION_PRIMARY_ID, ATTRIBUTE_NAME),
  CONSTRAINT SPRING_SESSION_ATTRIBUTES_FK FOREIGN KEY (SESSION_PRIMARY_ID) REFERENCES SPRING_SESSION (PRIMARY_ID) ON DELETE CASCADE
);

-- Failed sign-ins per username ('u:' + name) and per client address ('a:' + address), on every channel.
CREATE TABLE sign_in_failures (
  counter_key VARCHAR(400) PRIMARY KEY,
  failures INT NOT NULL,
  locked_until TIMESTAMP WITH TIME ZONE,
  updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX sign_in_failures_updated ON sign_in_failures (updated_at);

-- Leases: a scheduled job (or the demo's loading) runs on the one node holding its lease.
CREATE TABLE node_leases (
  name VARCHAR(100) PRIMARY KEY,
  holder VARCHAR(200) NOT NULL,
  lease_until TIMESTAMP WITH TIME ZONE NOT NULL
);

-- A message is claimed by one node before it is handed to SMTP (status SENDING), so no two nodes send it.
ALTER TABLE mail_messages ADD COLUMN claimed_by VARCHAR(200);
ALTER TABLE mail_messages ADD COLUMN claimed_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX mail_messages_status ON mail_messages (status);
