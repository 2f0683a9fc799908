-- The end of the latest cycle the responsible unit reported on (a returned report does not count),
-- kept on the measure row as reports arrive and are returned, so that status evaluation for
-- thousands of measures reads one column instead of grouping their reports.
ALTER TABLE measure ADD COLUMN reported_cycle_end DATE;

UPDATE measure SET reported_cycle_end = (
    SELECT MAX(r.cycle_end) FROM measure_report r LEFT JOIN measure_report_review v ON v.report_id = r.id
    WHERE r.measure_id = measure.id AND r.responsible = TRUE AND (v.decision IS NULL OR v.decision <> 'RETURN'));

-- Pending reviews are found from the measures of a mechanism; open notices per unit by due date.
CREATE INDEX ix_measure_mechanism_due ON measure (mechanism_id, closed_at, due_date);

-- Reporting punctuality per measure: how many of its cycles had their first report from the
-- responsible unit within the grace days, and how many later. Counted as each first report arrives
-- (NULL until MeasureCounters has counted a measure's existing reports once).
ALTER TABLE measure ADD COLUMN cycles_on_time INT;
ALTER TABLE measure ADD COLUMN cycles_late INT;
-- The latest cycle any report of the responsible unit was filed for (returned ones too; never
-- lowered): the dashboard asks which recent cycles were filed only for measures past the cut-off.
ALTER TABLE measure ADD COLUMN filed_cycle_end DATE;
UPDATE measure SET filed_cycle_end = (
    SELECT MAX(r.cycle_end) FROM measure_report r WHERE r.measure_id = measure.id AND r.responsible = TRUE);
