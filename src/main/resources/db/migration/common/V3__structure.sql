-- Structure: why a grid was retired, optimistic locking for units and party organisations,
-- and the indexes the structure pages walk by.

ALTER TABLE grid ADD COLUMN retired_reason VARCHAR(500);

ALTER TABLE unit ADD COLUMN version INT NOT NULL DEFAULT 0;

ALTER TABLE party_organisation ADD COLUMN version INT NOT NULL DEFAULT 0;

CREATE INDEX ix_party_org_parent ON party_organisation (parent_id);
CREATE INDEX ix_party_org_unit ON party_organisation (unit_id);
CREATE INDEX ix_grid_version_current ON grid_version (grid_id, valid_to);
CREATE INDEX ix_post_grid_post ON post_assignment (grid_id, post);
