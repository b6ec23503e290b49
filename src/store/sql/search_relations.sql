WITH q AS (
    SELECT baton_search_query($2) AS query
), names AS (
    SELECT r.relation_id, CASE WHEN r.name_key = baton_fold($2) THEN 0 ELSE 1 END AS tier,
           ts_rank(r.name_doc, q.query) AS score, NULL::bigint AS contact_id,
           NULL::text AS matched
    FROM relations r, q
    WHERE r.guild_id = $1 AND r.merged_into IS NULL
      AND (r.name_doc @@ q.query OR r.name_key = baton_fold($2)
           OR (char_length(baton_fold($2)) >= 3 AND r.name_key LIKE '%' || $7 || '%'))
    LIMIT 200
), roles AS (
    SELECT a.person_id AS relation_id, 2 AS tier, ts_rank(a.role_doc, q.query) AS score,
           NULL::bigint AS contact_id, a.role AS matched
    FROM affiliations a, q
    WHERE a.guild_id = $1 AND a.role IS NOT NULL AND a.role_doc @@ q.query
    LIMIT 200
), organisations AS (
    SELECT a.person_id AS relation_id, 3 AS tier, n.score, NULL::bigint AS contact_id,
           o.name AS matched
    FROM names n
    JOIN affiliations a ON a.guild_id = $1 AND a.organisation_id = n.relation_id AND a.until IS NULL
    JOIN relations o ON o.guild_id = $1 AND o.relation_id = n.relation_id
    LIMIT 200
), summaries AS (
    SELECT c.relation_id, 4 AS tier, ts_rank(c.summary_doc, q.query) AS score, c.contact_id,
           NULL::text AS matched
    FROM (
        -- The query's own words, not q's, so the plan is made knowing how common they are:
        -- a rare word's few matches, or a common word's newest contacts read back from now.
        SELECT c.relation_id, c.contact_id, c.summary_doc
        FROM contacts c
        WHERE c.guild_id = $1 AND c.summary_doc @@ baton_search_query($2)
          AND (NOT c.restricted OR c.logged_by = $3 OR $4)
        ORDER BY c.occurred_at DESC
        LIMIT $6
    ) c, q
), best AS (
    SELECT DISTINCT ON (relation_id) relation_id, tier, score, contact_id, matched
    FROM (SELECT * FROM names UNION ALL SELECT * FROM roles
          UNION ALL SELECT * FROM organisations UNION ALL SELECT * FROM summaries) hits
    ORDER BY relation_id, tier, score DESC
), top AS (
    -- Best first, so only the shown hits are looked up (a merged relation is passed over).
    SELECT b.*, r.name, r.kind
    FROM (SELECT * FROM best ORDER BY tier, score DESC, relation_id) b
    JOIN relations r ON r.guild_id = $1 AND r.relation_id = b.relation_id AND r.merged_into IS NULL
    ORDER BY b.tier, b.score DESC, b.relation_id
    LIMIT $5
)
SELECT t.relation_id AS "relation_id!", t.tier AS "tier!", t.name AS "name!", t.kind,
       org.name AS "organisation?", c.occurred_at AS "occurred_at?", c.logged_by AS "logged_by?",
       CASE WHEN h.english LIKE '%**%' THEN h.english ELSE h.dutch END AS snippet
FROM top t
CROSS JOIN q
LEFT JOIN contacts c ON c.guild_id = $1 AND c.contact_id = t.contact_id
LEFT JOIN LATERAL (
    SELECT o.name FROM affiliations a
    JOIN relations o ON o.guild_id = a.guild_id AND o.relation_id = a.organisation_id
    WHERE a.guild_id = $1 AND a.person_id = t.relation_id AND a.until IS NULL
    ORDER BY a.since DESC LIMIT 1
) org ON true
-- Marked in whichever language's words matched.
LEFT JOIN LATERAL (
    SELECT ts_headline('english', coalesce(c.summary, t.matched), q.query, h.options) AS english,
           ts_headline('dutch', coalesce(c.summary, t.matched), q.query, h.options) AS dutch
    FROM (SELECT CASE WHEN c.summary IS NULL THEN 'StartSel=**, StopSel=**, HighlightAll=true'
                      ELSE 'StartSel=**, StopSel=**, MaxWords=24, MinWords=12' END AS options) h
    WHERE coalesce(c.summary, t.matched) IS NOT NULL
) h ON true
ORDER BY t.tier, t.score DESC, t.relation_id
