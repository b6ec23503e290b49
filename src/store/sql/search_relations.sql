WITH q AS (
    SELECT websearch_to_tsquery('dutch', baton_fold($2)) || websearch_to_tsquery('english', baton_fold($2)) AS query,
           baton_fold($2) AS key, $7::text AS pattern
), names AS (
    SELECT r.relation_id, CASE WHEN r.name_key = q.key THEN 0 ELSE 1 END AS tier,
           ts_rank(baton_search_doc(r.name), q.query) AS score, NULL::bigint AS contact_id,
           NULL::text AS matched
    FROM relations r, q
    WHERE r.guild_id = $1 AND r.merged_into IS NULL
      AND (baton_search_doc(r.name) @@ q.query OR r.name_key = q.key
           OR (char_length(q.key) >= 3 AND r.name_key LIKE '%' || q.pattern || '%'))
    LIMIT 200
), roles AS (
    SELECT a.person_id AS relation_id, 2 AS tier, ts_rank(baton_search_doc(a.role), q.query) AS score,
           NULL::bigint AS contact_id, a.role AS matched
    FROM affiliations a, q
    WHERE a.guild_id = $1 AND a.role IS NOT NULL AND baton_search_doc(a.role) @@ q.query
    LIMIT 200
), organisations AS (
    SELECT a.person_id AS relation_id, 3 AS tier, n.score, NULL::bigint AS contact_id,
           o.name AS matched
    FROM names n
    JOIN affiliations a ON a.guild_id = $1 AND a.organisation_id = n.relation_id AND a.until IS NULL
    JOIN relations o ON o.guild_id = $1 AND o.relation_id = n.relation_id
    LIMIT 200
), summaries AS (
    SELECT c.relation_id, 4 AS tier,
           ts_rank(baton_search_doc(c.summary), q.query) AS score, c.contact_id, NULL::text AS matched
    FROM (
        SELECT c.relation_id, c.contact_id, c.summary
        FROM contacts c, q
        WHERE c.guild_id = $1 AND baton_search_doc(c.summary) @@ q.query
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
    SELECT b.* FROM best b
    JOIN relations r ON r.guild_id = $1 AND r.relation_id = b.relation_id AND r.merged_into IS NULL
    ORDER BY b.tier, b.score DESC, b.relation_id
    LIMIT $5
)
SELECT t.relation_id AS "relation_id!", t.tier AS "tier!", r.name, r.kind,
       org.name AS "organisation?", c.occurred_at AS "occurred_at?", c.logged_by AS "logged_by?",
       CASE WHEN h.english LIKE '%**%' THEN h.english ELSE h.dutch END AS snippet
FROM top t
CROSS JOIN q
JOIN relations r ON r.guild_id = $1 AND r.relation_id = t.relation_id
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
