-- Outbound Sync's shared state on PostgreSQL (state.jdbc-url): what the embedded store keeps under
-- <data-dir>/state/orgs/<host>/<org>/ for one process, here for every instance of one Genesys org.

-- The org this database belongs to, and the schema's own facts (one row a key).
CREATE TABLE state_meta (
  key   VARCHAR(100) PRIMARY KEY,
  value VARCHAR(1000) NOT NULL
);

-- Each drop taken, its outcome and summary (the ledger's drops table), and the instance that took it.
CREATE TABLE drops (
  id          BIGSERIAL PRIMARY KEY,
  campaign    VARCHAR(200)  NOT NULL,
  file_name   VARCHAR(1000) NOT NULL,
  sha256      CHAR(64)      NOT NULL,
  status      VARCHAR(40)   NOT NULL,
  started_at  TIMESTAMPTZ   NOT NULL,
  finished_at TIMESTAMPTZ,
  summary     TEXT,
  instance    VARCHAR(200)
);
CREATE INDEX drops_name ON drops (file_name, sha256);

-- What Genesys acknowledged, per contact list and contact: the row's hash and key, first phone, time and values
-- (LedgerEntries' encoding, as in the embedded store).
CREATE TABLE ledger_contacts (
  list_id    VARCHAR(64)  NOT NULL,
  contact_id VARCHAR(200) NOT NULL,
  entry      BYTEA        NOT NULL,
  PRIMARY KEY (list_id, contact_id)
);

-- Contacts Genesys acknowledged uncallable (withdrawn), and when.
CREATE TABLE ledger_withdrawn (
  list_id         VARCHAR(64)  NOT NULL,
  contact_id      VARCHAR(200) NOT NULL,
  acknowledged_at BIGINT       NOT NULL,
  PRIMARY KEY (list_id, contact_id)
);

-- Numbers put on a DNC list, by source (file, withdrawal).
CREATE TABLE ledger_dnc_sent (
  dnc_list_id     VARCHAR(64) NOT NULL,
  source          VARCHAR(40) NOT NULL,
  phone_number    VARCHAR(40) NOT NULL,
  acknowledged_at BIGINT      NOT NULL,
  PRIMARY KEY (dnc_list_id, source, phone_number)
);

-- Objects the contacts flow found or made for a configured name (contact list, DNC list).
CREATE TABLE ledger_objects (
  kind      VARCHAR(40)  NOT NULL,
  name      VARCHAR(400) NOT NULL,
  object_id VARCHAR(64)  NOT NULL,
  PRIMARY KEY (kind, name)
);

-- Campaign objects as last applied (drift detection), and the state machine's records.
CREATE TABLE applied_objects (
  campaign     VARCHAR(200) NOT NULL,
  kind         VARCHAR(40)  NOT NULL,
  object_id    VARCHAR(64)  NOT NULL,
  version      INT,
  content_hash CHAR(64)     NOT NULL,
  applied_at   TIMESTAMPTZ  NOT NULL,
  PRIMARY KEY (campaign, kind)
);
CREATE TABLE campaign_requests (
  campaign          VARCHAR(200) PRIMARY KEY,
  completed         BOOLEAN      NOT NULL,
  last_requested_at TIMESTAMPTZ
);

-- camel-sql's idempotent repositories (JdbcMessageIdRepository / JdbcOrphanLockAwareIdempotentRepository): the
-- table they create themselves, with a message id long enough for a file's absolute path.
CREATE TABLE CAMEL_MESSAGEPROCESSED (
  processorName VARCHAR(255)  NOT NULL,
  messageId     VARCHAR(2000) NOT NULL,
  createdAt     TIMESTAMP,
  PRIMARY KEY (processorName, messageId)
);

-- The instances sharing this database: who they are, when they were last seen, what they hold.
CREATE TABLE instances (
  instance_id  VARCHAR(200) PRIMARY KEY,
  host         VARCHAR(200) NOT NULL,
  pid          BIGINT       NOT NULL,
  started_at   TIMESTAMPTZ  NOT NULL,
  heartbeat_at TIMESTAMPTZ  NOT NULL,
  holding      TEXT
);
