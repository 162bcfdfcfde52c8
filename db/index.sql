-- index.sql - the derived SQLite index.
--
-- Everything here is a cache of the git repository: `casebook reindex`
-- drops it and builds it again from the history. The schema version is
-- PRAGMA user_version (set by index.c); a different version means rebuild.

CREATE TABLE meta (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) WITHOUT ROWID;

-- One row per person, from people/.../<id>/person.
CREATE TABLE person (
	id               TEXT PRIMARY KEY,
	name             TEXT NOT NULL,
	preferred_name   TEXT,
	dob              TEXT,
	gender           TEXT,
	status           TEXT,
	worker           TEXT,
	pa               TEXT,
	team             TEXT
) WITHOUT ROWID;
CREATE INDEX person_worker ON person(worker COLLATE NOCASE);
CREATE INDEX person_pa ON person(pa COLLATE NOCASE);
CREATE INDEX person_team ON person(team);

-- The pathway plan dates the due rules need, so listing a caseload never
-- opens a record.
CREATE TABLE plan (
	person           TEXT PRIMARY KEY,
	plan_date        TEXT,
	last_review      TEXT,
	next_review      TEXT,
	needs_assessment TEXT,
	personal_adviser TEXT
) WITHOUT ROWID;

-- Current version of each record and when/who last changed it.
CREATE TABLE record (
	person       TEXT NOT NULL,
	type         TEXT NOT NULL,
	blob         TEXT NOT NULL,
	valid        INTEGER NOT NULL,  -- 0 when the text does not parse
	commit_id    TEXT NOT NULL,
	author_name  TEXT,
	author_email TEXT,
	time         INTEGER,
	PRIMARY KEY (person, type)
) WITHOUT ROWID;

CREATE TABLE chronology (
	person       TEXT NOT NULL,
	id           TEXT NOT NULL,
	date         TEXT,
	category     TEXT,
	significance TEXT,
	event        TEXT,
	impact       TEXT,
	source       TEXT,
	PRIMARY KEY (person, id)
) WITHOUT ROWID;

-- Full-text search over names and chronology text. search_row says what
-- each FTS row is (its rowid is the FTS rowid), so one person's rows are
-- found through an index, not by scanning the FTS table.
CREATE VIRTUAL TABLE search USING fts5(
	text, tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TABLE search_row (
	rowid  INTEGER PRIMARY KEY,
	person TEXT NOT NULL,
	kind   TEXT NOT NULL,   -- 'person' or 'entry'
	entry  TEXT             -- chronology entry id for kind 'entry'
);
CREATE INDEX search_row_person ON search_row(person);

-- One row per (commit, record) the commit changed, in the order commits
-- were applied, so the history of one record costs O(its versions).
-- fields: as cb_record_changed_fields ("Name, E3N8:Event, +E3N9"), or "!"
-- when either version did not parse.
CREATE TABLE history (
	seq          INTEGER PRIMARY KEY,
	commit_id    TEXT NOT NULL,
	person       TEXT NOT NULL,
	type         TEXT NOT NULL,
	author_name  TEXT,
	author_email TEXT,
	time         INTEGER NOT NULL,
	tz           INTEGER NOT NULL,
	summary      TEXT,
	fields       TEXT,
	blob         TEXT NOT NULL,      -- new version's blob; '' if deleted
	-- the record's blob in each parent of the commit, in parent order,
	-- comma-separated ('' where that parent had none); NULL when not kept.
	-- Blame reads a save's parents here instead of from git's trees.
	parents      TEXT
);
-- A record's rows are scattered through the table in commit order, one
-- page read each; this index holds every column, so a record's history
-- (log, blame, as-at) is read from a few neighbouring pages instead: 318
-- versions went from 348 page reads to 47. It costs about as much space
-- as the table itself.
CREATE INDEX history_record ON history(person, type, seq, commit_id, author_name,
	author_email, summary, fields, blob, time, tz, parents);
CREATE INDEX history_commit ON history(commit_id);

-- The practice alert rules' facts (db/index_facts.c): dates and counts
-- reduced from the records when they are materialised, compared with
-- today only when alerts are asked for (src/rules.c).
CREATE TABLE fact_pathway (
	person          TEXT PRIMARY KEY,
	contingency     INTEGER NOT NULL,  -- 1 when the plan has one
	views           INTEGER NOT NULL,  -- the young person's views recorded
	health_history  TEXT
) WITHOUT ROWID;
CREATE TABLE fact_chronology (
	person          TEXT PRIMARY KEY,
	last_visit      TEXT,              -- latest entry of category visit
	change_date     TEXT,              -- latest high-significance or move
	change_category TEXT,
	change_event    TEXT
) WITHOUT ROWID;
CREATE TABLE fact_oversight (
	person          TEXT PRIMARY KEY,
	last_date       TEXT,
	undated         INTEGER NOT NULL   -- open actions with no By-When
) WITHOUT ROWID;
-- One row per plan episode of the plan record, with its meetings and
-- actions folded in.
CREATE TABLE fact_plan (
	person           TEXT NOT NULL,
	id               TEXT NOT NULL,
	type             TEXT,
	start            TEXT,
	end_date         TEXT,
	next_review      TEXT,
	contingency      INTEGER NOT NULL,
	views            INTEGER NOT NULL,
	initial_conf     TEXT,
	last_review_conf TEXT,
	prev_end         TEXT,
	letter           TEXT,
	review_point     TEXT,
	decision         TEXT,
	actions_no_owner INTEGER NOT NULL,
	actions_no_date  INTEGER NOT NULL,
	action_dates     TEXT,
	first_action     TEXT,
	PRIMARY KEY (person, id)
) WITHOUT ROWID;
