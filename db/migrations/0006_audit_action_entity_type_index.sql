-- An entity type combined with an action that rarely (or never) occurs with it would otherwise walk
-- one of the two long seq-ordered lists; audit-query.ts uses this index when it exists.
CREATE INDEX `audit_trail_action_entity_type` ON `audit_trail` (`action`,`entity_type`,`seq`);
