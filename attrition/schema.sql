-- attrition's SQLite schema: the single place a table is defined.
--
-- Applied by attrition.corpus.store.connection.migrate(), inside one transaction,
-- when the database's PRAGMA user_version is below SCHEMA_VERSION (same module).
-- Every statement is idempotent (IF NOT EXISTS), so applying it to an up-to-date
-- database changes nothing. Changes to an existing table go in a numbered
-- migration in store/connection.py as well as here.

-- One row per distinct article text. `content_hash` (SHA-256 of the normalised
-- text) is the article's identity; `url` and `path` say where it was read from
-- and are the keys under which a changed text replaces an older one.
CREATE TABLE IF NOT EXISTS articles (
    id                INTEGER PRIMARY KEY,
    label             TEXT NOT NULL,          -- name in exports: file stem, URL or JSONL id
    url               TEXT,
    path              TEXT,                   -- absolute path of a single-article file
    origin            TEXT NOT NULL,          -- where it was read from, for people: path, URL, file.jsonl:12
    title             TEXT,
    publisher         TEXT,
    published         TEXT,                   -- ISO date or NULL
    fetched_at        TEXT NOT NULL,          -- ISO timestamp (UTC) when this text was read
    content_hash      TEXT NOT NULL UNIQUE,
    text              TEXT NOT NULL,
    extractor_version TEXT NOT NULL,          -- version whose claims are stored
    updated_at        TEXT NOT NULL           -- ISO timestamp (UTC) of the last store write
);

CREATE UNIQUE INDEX IF NOT EXISTS articles_url ON articles(url) WHERE url IS NOT NULL;
CREATE UNIQUE INDEX IF NOT EXISTS articles_path ON articles(path) WHERE path IS NOT NULL;
CREATE INDEX IF NOT EXISTS articles_label ON articles(label);

-- One row per figure in an article: the fields of ../shared/eval/GOLD.md plus
-- where the figure sits and how it was read. `id` is stable: a digest of
-- (article content hash, char_start, char_end), so re-extracting the same text
-- keeps it. `seq` is the rowid the full-text index points at.
CREATE TABLE IF NOT EXISTS claims (
    seq               INTEGER PRIMARY KEY,
    id                TEXT NOT NULL UNIQUE,
    article_id        INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    value             REAL NOT NULL,
    unit              TEXT NOT NULL CHECK (unit IN ('count', 'percent', 'per_100k')),
    stage             TEXT NOT NULL CHECK (stage IN ('reported', 'recorded', 'no_crime',
                          'referred', 'charged', 'prosecuted', 'convicted', 'nfa',
                          'withdrawn', 'other')),
    of_stage          TEXT CHECK (of_stage IS NULL OR of_stage IN ('reported', 'recorded',
                          'no_crime', 'referred', 'charged', 'prosecuted', 'convicted',
                          'nfa', 'withdrawn', 'other')),
    offence           TEXT NOT NULL CHECK (offence IN ('rape', 'sexual_assault',
                          'sexual_offences', 'other')),
    area              TEXT,
    period_start      TEXT,
    period_end        TEXT,
    period_text       TEXT,
    source            TEXT,
    speaker           TEXT,
    change            INTEGER NOT NULL DEFAULT 0,
    quote             TEXT NOT NULL,
    quote_start       INTEGER NOT NULL,
    char_start        INTEGER NOT NULL,
    char_end          INTEGER NOT NULL CHECK (char_end > char_start),
    comparator        TEXT,
    area_inherited    INTEGER NOT NULL DEFAULT 0,
    period_inherited  INTEGER NOT NULL DEFAULT 0,
    source_inherited  INTEGER NOT NULL DEFAULT 0,
    confidence        REAL NOT NULL DEFAULT 1.0,
    extractor_version TEXT NOT NULL
);

CREATE INDEX IF NOT EXISTS claims_article ON claims(article_id, char_start);
CREATE INDEX IF NOT EXISTS claims_area ON claims(area COLLATE NOCASE);
CREATE INDEX IF NOT EXISTS claims_stage ON claims(stage);
CREATE INDEX IF NOT EXISTS claims_offence ON claims(offence);
CREATE INDEX IF NOT EXISTS claims_period ON claims(period_start, period_end);
CREATE INDEX IF NOT EXISTS claims_source ON claims(source COLLATE NOCASE);
CREATE INDEX IF NOT EXISTS claims_speaker ON claims(speaker COLLATE NOCASE);
-- The fact-checker's question (a force's stage in a period) and a force's first
-- page of claims in article order: each a few milliseconds at a million claims.
CREATE INDEX IF NOT EXISTS claims_area_stage_period ON claims(area COLLATE NOCASE, stage, period_end, period_start);
CREATE INDEX IF NOT EXISTS claims_area_article ON claims(area COLLATE NOCASE, article_id, char_start);

-- Full-text search over article titles and text, and over claim quotes.
-- External-content FTS5 tables kept in step with their tables by triggers.
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
    title, text, content='articles', content_rowid='id'
);

CREATE TRIGGER IF NOT EXISTS articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;

CREATE TRIGGER IF NOT EXISTS articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.id, old.title, old.text);
END;

CREATE TRIGGER IF NOT EXISTS articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.id, old.title, old.text);
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;

CREATE VIRTUAL TABLE IF NOT EXISTS claims_fts USING fts5(
    quote, content='claims', content_rowid='seq'
);

CREATE TRIGGER IF NOT EXISTS claims_fts_insert AFTER INSERT ON claims BEGIN
    INSERT INTO claims_fts(rowid, quote) VALUES (new.seq, new.quote);
END;

CREATE TRIGGER IF NOT EXISTS claims_fts_delete AFTER DELETE ON claims BEGIN
    INSERT INTO claims_fts(claims_fts, rowid, quote) VALUES ('delete', old.seq, old.quote);
END;

CREATE TRIGGER IF NOT EXISTS claims_fts_update AFTER UPDATE OF quote ON claims BEGIN
    INSERT INTO claims_fts(claims_fts, rowid, quote) VALUES ('delete', old.seq, old.quote);
    INSERT INTO claims_fts(rowid, quote) VALUES (new.seq, new.quote);
END;

-- ===========================================================================
-- Official figures and cross-checks (issue 4: attrition.corpus.official.layouts,
-- attrition.corpus.check.checks). Appended section; owned by the checks code.
-- ===========================================================================

-- One row per official file loaded. `sha256` of the file's bytes is its
-- identity: loading the same file again changes nothing.
CREATE TABLE IF NOT EXISTS official_files (
    id          INTEGER PRIMARY KEY,
    sha256      TEXT NOT NULL UNIQUE,
    path        TEXT NOT NULL,             -- absolute path it was loaded from
    url         TEXT,                      -- where it was published, when given at load
    layout      TEXT NOT NULL,             -- prc_pfa, rolling_pfa, tidy, ons_pfa_p1 or cps_poc
    rows        INTEGER NOT NULL,          -- figures read from the file
    inserted    INTEGER,                   -- of which new (others came from an earlier file)
    loaded_at   TEXT NOT NULL
);

-- One row per official figure. Quarterly rows of the Home Office PRC tables are
-- per offence code (`period_kind` = 'quarter'), and monthly rows of the CPS case
-- outcomes files per CPS Area (`period_kind` = 'month'); both are summed into
-- years when checking; rolling 12-month windows and hand-gathered figures are used as they
-- stand. `key` identifies a figure across files (the same quarter of the same
-- force and code from two files is stored once).
CREATE TABLE IF NOT EXISTS official (
    id            INTEGER PRIMARY KEY,
    file_id       INTEGER NOT NULL REFERENCES official_files(id) ON DELETE CASCADE,
    dataset       TEXT NOT NULL,
    publisher     TEXT NOT NULL,
    url           TEXT NOT NULL,           -- URL or repository path, else the file's path
    area          TEXT NOT NULL,           -- canonical force name or national area
    offence       TEXT NOT NULL,           -- rape, sexual_assault, sexual_offences, other_sexual, other
    stage         TEXT NOT NULL,
    unit          TEXT NOT NULL,
    value         REAL NOT NULL,
    population    TEXT NOT NULL CHECK (population IN ('all', 'adult', 'child')),
    period_start  TEXT NOT NULL,
    period_end    TEXT NOT NULL,
    period_kind   TEXT NOT NULL CHECK (period_kind IN ('quarter', 'month', 'rolling_12m', 'stated')),
    offence_code  TEXT,                    -- Home Office offence code (quarterly tables)
    offence_label TEXT,                    -- the publisher's offence description or group
    offence_group TEXT,                    -- the publisher's offence group
    notes         TEXT,
    line          TEXT,                    -- row in the file: `12`, or `sheet!row`
    key           TEXT NOT NULL UNIQUE
);

CREATE INDEX IF NOT EXISTS official_area_period ON official(area, period_start, period_end);

-- One row per check of a claim. `kind`: official, arithmetic, funnel, across, subgroup.
-- The evidence columns say what the claim was compared with; `detail` (JSON)
-- holds the rest (other candidates, populations, the pairs out of order).
CREATE TABLE IF NOT EXISTS checks (
    id              INTEGER PRIMARY KEY,
    claim_id        TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    kind            TEXT NOT NULL CHECK (kind IN ('official', 'arithmetic', 'funnel', 'across', 'subgroup')),
    verdict         TEXT NOT NULL CHECK (verdict IN ('agrees', 'differs', 'no_official_data',
                        'not_comparable', 'in_order', 'out_of_order', 'conflict', 'agrees_with_earlier',
                        'sums_to_total', 'within_total', 'exceeds_total', 'parts_do_not_sum')),
    official_value  REAL,                  -- the value compared with (official or recomputed)
    abs_diff        REAL,                  -- claim value minus compared value
    rel_diff        REAL,                  -- abs_diff / compared value
    dataset         TEXT,
    period_start    TEXT,
    period_end      TEXT,
    url             TEXT,
    other_claim_id  TEXT,                  -- the claim (first of them) it was compared with
    other_quote     TEXT,
    reason          TEXT,                  -- a sentence for a person
    detail          TEXT NOT NULL DEFAULT '{}',
    checked_at      TEXT NOT NULL
);

CREATE INDEX IF NOT EXISTS checks_claim ON checks(claim_id, kind);
CREATE INDEX IF NOT EXISTS checks_verdict ON checks(verdict);

-- What each claim looked like when it was last checked, so `attrition check`
-- redoes only claims that are new or changed, or whose official data changed.
CREATE TABLE IF NOT EXISTS checked_claims (
    claim_id             TEXT PRIMARY KEY REFERENCES claims(id) ON DELETE CASCADE,
    fingerprint          TEXT NOT NULL,    -- digest of the claim fields the checks read
    official_generation  INTEGER NOT NULL, -- max(official_files.id) at the time
    checked_at           TEXT NOT NULL
);

-- ===========================================================================
-- Nightly updates from feeds (issue 5: attrition.corpus.update.run, runs, lock).
-- Appended section; schema version 3.
-- ===========================================================================

-- One row per feed or sitemap URL named in a feeds file: what the last fetch
-- sent back, so the next one can be a conditional GET (ETag / Last-Modified).
CREATE TABLE IF NOT EXISTS feeds (
    url            TEXT PRIMARY KEY,
    kind           TEXT,                   -- rss, atom or sitemap (as last read)
    etag           TEXT,
    last_modified  TEXT,
    checked_at     TEXT,                   -- last time it was asked for
    changed_at     TEXT,                   -- last time it sent a new document (200)
    entries        INTEGER,                -- entries in the last document read
    last_error     TEXT                    -- why the last fetch or parse failed, else NULL
);

-- One row per article page a feed or sitemap listed, by URL: an entry is
-- fetched once, and again only when its feed gives it a newer `updated` stamp.
-- `status`: 'pending' (to fetch), 'retry' (failed on a temporary error: fetched
-- again next run, up to a limit), or the outcome of the last fetch: 'new',
-- 'updated', 'unchanged' (stored), 'skipped' (failed the relevance gate: not
-- parsed, not stored), 'failed' (a permanent error, in `reason`).
CREATE TABLE IF NOT EXISTS feed_entries (
    id           INTEGER PRIMARY KEY,
    url          TEXT NOT NULL UNIQUE,
    guid         TEXT,
    feed_url     TEXT NOT NULL,            -- the feed it was first listed in
    title        TEXT,
    published    TEXT,                     -- ISO date the feed gives, or NULL
    updated      TEXT,                     -- the feed's updated/lastmod stamp, as given
    status       TEXT NOT NULL CHECK (status IN ('pending', 'retry', 'new', 'updated',
                     'unchanged', 'skipped', 'failed')),
    reason       TEXT,                     -- why it was skipped or failed
    attempts     INTEGER NOT NULL DEFAULT 0,
    article_id   INTEGER REFERENCES articles(id) ON DELETE SET NULL,
    first_seen   TEXT NOT NULL,
    last_attempt TEXT,
    run_id       INTEGER                   -- the run that last fetched it
);

CREATE INDEX IF NOT EXISTS feed_entries_status ON feed_entries(status);

-- One row per `attrition update` or `attrition reextract`. Counts are added to
-- in the same transaction as the article they count, so a run that was killed
-- still says what it did; its `ended_at` stays NULL and the next run marks it
-- 'interrupted'. `errors` is a JSON array of {"url", "reason"}.
CREATE TABLE IF NOT EXISTS runs (
    id                INTEGER PRIMARY KEY,
    command           TEXT NOT NULL,       -- update or reextract
    started_at        TEXT NOT NULL,
    ended_at          TEXT,
    status            TEXT NOT NULL CHECK (status IN ('running', 'ok', 'failed', 'interrupted')),
    pid               INTEGER,
    extractor_version TEXT NOT NULL,
    feeds             INTEGER NOT NULL DEFAULT 0,   -- feeds read (200 or 304)
    entries_found     INTEGER NOT NULL DEFAULT 0,   -- entries new to the database or changed
    new               INTEGER NOT NULL DEFAULT 0,
    updated           INTEGER NOT NULL DEFAULT 0,
    unchanged         INTEGER NOT NULL DEFAULT 0,
    skipped           INTEGER NOT NULL DEFAULT 0,
    failed            INTEGER NOT NULL DEFAULT 0,
    reextracted       INTEGER NOT NULL DEFAULT 0,
    claims            INTEGER NOT NULL DEFAULT 0,   -- claims written
    errors            TEXT NOT NULL DEFAULT '[]'
);

-- ===========================================================================
-- The web view (issue 6: attrition serve). Appended section.
-- ===========================================================================

-- One row per claim with its article and the latest verdict of each kind of
-- check: what Datasette's "claims with verdicts" page lists and facets.
-- Columns in the order a fact-checker reads them: the claim, its figure as
-- written (`figure`: the hedge, the number and its unit, "fewer than 20%"), what
-- it counts, the verdict, the quote, and the article to cite (title, date,
-- publisher, URL or path); the parts after. Whole numbers are integers (35, not
-- 35.0) so CSV and JSON exports print them as written. `period` reads as people
-- write it (2022/23, 2022, or start..end); `verdicts` is a JSON array of every
-- verdict the claim's checks gave. Schema version 7 (store/connection.py
-- recreates it).
CREATE VIEW IF NOT EXISTS claims_view AS
SELECT c.id,
       CASE c.comparator
           WHEN 'more_than' THEN 'more than ' WHEN 'at_least' THEN 'at least '
           WHEN 'nearly' THEN 'nearly ' WHEN 'less_than' THEN 'fewer than '
           WHEN 'about' THEN 'about ' WHEN 'at_most' THEN 'up to '
           ELSE coalesce(replace(c.comparator, '_', ' ') || ' ', '')
       END
       || CASE WHEN c.value = CAST(c.value AS INTEGER) THEN CAST(CAST(c.value AS INTEGER) AS TEXT)
               ELSE CAST(c.value AS TEXT) END
       || CASE c.unit WHEN 'percent' THEN '%' WHEN 'per_100k' THEN ' per 100,000' ELSE '' END
       || coalesce(' of ' || c.of_stage, '') AS figure,
       c.stage, c.offence, c.area,
       CASE
           WHEN c.period_start IS NULL OR c.period_end IS NULL THEN NULL
           WHEN substr(c.period_start, 6) = '04-01' AND substr(c.period_end, 6) = '03-31'
                AND CAST(substr(c.period_end, 1, 4) AS INTEGER)
                    = CAST(substr(c.period_start, 1, 4) AS INTEGER) + 1
               THEN substr(c.period_start, 1, 4) || '/' || substr(c.period_end, 3, 2)
           WHEN substr(c.period_start, 6) = '01-01' AND substr(c.period_end, 6) = '12-31'
                AND substr(c.period_start, 1, 4) = substr(c.period_end, 1, 4)
               THEN substr(c.period_start, 1, 4)
           ELSE c.period_start || '..' || c.period_end
       END AS period,
       (SELECT k.verdict FROM checks k WHERE k.claim_id = c.id AND k.kind = 'official'
         ORDER BY k.id DESC LIMIT 1) AS official_verdict,
       c.quote,
       coalesce(a.title, a.label) AS article, a.published, a.publisher,
       coalesce(a.url, a.path, a.origin) AS article_url,
       CASE WHEN c.value = CAST(c.value AS INTEGER) THEN CAST(c.value AS INTEGER) ELSE c.value END AS value,
       c.unit, c.comparator, c.of_stage,
       c.period_start, c.period_end, c.period_text, c.source, c.speaker,
       (SELECT CASE WHEN k.official_value = CAST(k.official_value AS INTEGER)
                    THEN CAST(k.official_value AS INTEGER) ELSE k.official_value END
          FROM checks k WHERE k.claim_id = c.id AND k.kind = 'official'
         ORDER BY k.id DESC LIMIT 1) AS official_value,
       (SELECT k.dataset FROM checks k WHERE k.claim_id = c.id AND k.kind = 'official'
         ORDER BY k.id DESC LIMIT 1) AS official_dataset,
       (SELECT k.reason FROM checks k WHERE k.claim_id = c.id AND k.kind = 'official'
         ORDER BY k.id DESC LIMIT 1) AS official_reason,
       (SELECT k.verdict FROM checks k WHERE k.claim_id = c.id AND k.kind = 'arithmetic'
         ORDER BY k.id DESC LIMIT 1) AS arithmetic_verdict,
       (SELECT k.verdict FROM checks k WHERE k.claim_id = c.id AND k.kind = 'funnel'
         ORDER BY k.verdict = 'out_of_order' DESC, k.id DESC LIMIT 1) AS funnel_verdict,
       (SELECT k.verdict FROM checks k WHERE k.claim_id = c.id AND k.kind = 'across'
         ORDER BY k.id DESC LIMIT 1) AS across_verdict,
       (SELECT json_group_array(verdict) FROM (SELECT DISTINCT k.verdict FROM checks k
         WHERE k.claim_id = c.id ORDER BY k.verdict)) AS verdicts,
       c.confidence, c.article_id, c.seq
  FROM claims c
  JOIN articles a ON a.id = c.article_id;

-- ===========================================================================
-- Hand-checked claims (issue 12: attrition import-claims,
-- attrition.corpus.store.handchecked). Appended section; schema version 6.
-- ===========================================================================

-- One row per claim loaded by hand (GOLD.md form) in place of the extractor's:
-- re-extracting its article keeps it (store/articles.py, write_article).
CREATE TABLE IF NOT EXISTS hand_checked_claims (
    claim_id     TEXT PRIMARY KEY REFERENCES claims(id) ON DELETE CASCADE,
    file         TEXT NOT NULL,            -- the JSONL file it was imported from
    line         INTEGER NOT NULL,         -- its line there
    imported_at  TEXT NOT NULL
);

-- ===========================================================================
-- Across-article candidates (issue 15, attrition.corpus.check.run): a new claim
-- is compared with each group of claims stating the same quantity once, and only
-- the existing claims whose check it can change are checked again.
-- Appended section; schema version 7.
-- ===========================================================================

-- One row per checked claim that has an across key (checks.across_key).
CREATE TABLE IF NOT EXISTS across_members (
    claim_id    TEXT PRIMARY KEY REFERENCES claims(id) ON DELETE CASCADE,
    key         TEXT NOT NULL,             -- checks.across_key as JSON
    grp         TEXT NOT NULL,             -- [population, value, figure text, comparator]: claims alike
    article_id  INTEGER NOT NULL,
    seq         INTEGER NOT NULL,          -- claims.seq: the order claims are listed in
    verdict     TEXT,                      -- its across verdict; NULL when no other article states it
    listed      INTEGER NOT NULL DEFAULT 0 -- claims its check lists (at most checks.ACROSS_LISTED + 1)
);
CREATE INDEX IF NOT EXISTS across_members_key ON across_members(key, seq);
CREATE INDEX IF NOT EXISTS across_members_group ON across_members(key, grp, seq);

-- Claims deleted or changed, and articles whose text changed, since the last check run:
-- their article and their old across key are checked again.
CREATE TABLE IF NOT EXISTS check_dirty (
    article_id  INTEGER,
    key         TEXT
);

CREATE TRIGGER IF NOT EXISTS claims_check_dirty_delete BEFORE DELETE ON claims BEGIN
    INSERT INTO check_dirty (article_id, key)
    VALUES (OLD.article_id, (SELECT key FROM across_members WHERE claim_id = OLD.id));
END;

CREATE TRIGGER IF NOT EXISTS claims_check_dirty_update AFTER UPDATE ON claims
WHEN OLD.value IS NOT NEW.value OR OLD.unit IS NOT NEW.unit OR OLD.stage IS NOT NEW.stage
  OR OLD.of_stage IS NOT NEW.of_stage OR OLD.offence IS NOT NEW.offence OR OLD.area IS NOT NEW.area
  OR OLD.period_start IS NOT NEW.period_start OR OLD.period_end IS NOT NEW.period_end
  OR OLD.source IS NOT NEW.source OR OLD.change IS NOT NEW.change OR OLD.quote IS NOT NEW.quote
  OR OLD.quote_start IS NOT NEW.quote_start OR OLD.char_start IS NOT NEW.char_start
  OR OLD.char_end IS NOT NEW.char_end OR OLD.comparator IS NOT NEW.comparator
  OR OLD.article_id IS NOT NEW.article_id OR OLD.id IS NOT NEW.id
BEGIN
    INSERT INTO check_dirty (article_id, key)
    VALUES (OLD.article_id, (SELECT key FROM across_members WHERE claim_id = OLD.id));
    DELETE FROM checked_claims WHERE claim_id = NEW.id;
END;

CREATE TRIGGER IF NOT EXISTS articles_check_dirty_text AFTER UPDATE OF text ON articles
WHEN OLD.text IS NOT NEW.text BEGIN
    INSERT INTO check_dirty (article_id, key)
    SELECT NEW.id, m.key FROM claims c LEFT JOIN across_members m ON m.claim_id = c.id
     WHERE c.article_id = NEW.id;
    DELETE FROM checked_claims WHERE claim_id IN (SELECT id FROM claims WHERE article_id = NEW.id);
END;
