-- Relations for a partly typed key: names starting with it, then names containing it, then
-- names that look like it. "Look like" is word similarity (`%>`, pg_trgm's default 0.6):
-- most of the trigrams typed occur in a stretch of the name, so "sane visser" finds
-- "Sanne Visser" without every other Visser, and the trigram index can rule those out
-- before any name is read.
WITH starts AS (
    SELECT relation_id, name, kind, 0 AS tier, name_key AS sort_key, 0::real AS score
    FROM relations
    WHERE guild_id = $1 AND merged_into IS NULL
      AND name_key COLLATE "C" >= $2 AND name_key COLLATE "C" < $3
    ORDER BY name_key COLLATE "C"
    LIMIT $5
), contains AS (
    SELECT relation_id, name, kind, 1 AS tier, name_key AS sort_key, 0::real AS score
    FROM relations
    WHERE guild_id = $1 AND merged_into IS NULL AND char_length($2) >= 3
      AND (SELECT count(*) FROM starts) < $5
      AND name_key LIKE '%' || $4 || '%' AND NOT name_key LIKE $4 || '%'
    ORDER BY char_length(name_key), name_key
    LIMIT $5
), alike AS (
    SELECT relation_id, name, kind, 2 AS tier, name_key AS sort_key,
           similarity(name_key, $2) AS score
    FROM relations
    WHERE guild_id = $1 AND merged_into IS NULL AND char_length($2) >= 3
      AND (SELECT count(*) FROM starts) + (SELECT count(*) FROM contains) < $5
      AND name_key %> $2 AND NOT name_key LIKE '%' || $4 || '%'
    ORDER BY similarity(name_key, $2) DESC, name_key
    LIMIT $5
), picked AS (
    SELECT * FROM starts UNION ALL SELECT * FROM contains UNION ALL SELECT * FROM alike
)
SELECT p.name AS "name!", p.kind, org.name AS "organisation?"
FROM picked p
LEFT JOIN LATERAL (
    SELECT o.name FROM affiliations a
    JOIN relations o ON o.guild_id = a.guild_id AND o.relation_id = a.organisation_id
    WHERE a.guild_id = $1 AND a.person_id = p.relation_id AND a.until IS NULL
    ORDER BY a.since DESC LIMIT 1
) org ON true
ORDER BY p.tier, p.score DESC, char_length(p.sort_key), p.sort_key
LIMIT $5
