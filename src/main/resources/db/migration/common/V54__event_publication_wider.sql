-- An adopted achievement-conversion list travels whole in training.ActionListAdopted (up to 50
-- measures of up to 1,300 characters each); 4,000 characters held about a dozen.
ALTER TABLE event_publication ALTER COLUMN serialized_event SET DATA TYPE VARCHAR(1000000);
