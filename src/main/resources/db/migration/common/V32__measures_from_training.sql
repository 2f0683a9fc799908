-- Seminar lists (成果转化清单) taken in as measures: a 照单落实 mechanism per sponsor region, without
-- lead or coordinating unit; each item a measure owned by its community, taken in once.
ALTER TABLE measure_mechanism ALTER COLUMN lead_unit_id DROP NOT NULL;
ALTER TABLE measure_mechanism ALTER COLUMN coordinating_unit_id DROP NOT NULL;
ALTER TABLE measure_mechanism ADD COLUMN source_key VARCHAR(40);
ALTER TABLE measure_mechanism ADD CONSTRAINT uk_measure_mechanism_source UNIQUE (source_key);
ALTER TABLE measure ADD COLUMN source_item_id BIGINT;
ALTER TABLE measure ADD COLUMN owner_person_id BIGINT;
ALTER TABLE measure ADD CONSTRAINT uk_measure_source_item UNIQUE (source_item_id);
