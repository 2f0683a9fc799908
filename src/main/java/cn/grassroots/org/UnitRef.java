package cn.grassroots.org;

/** A unit as other modules see it: reference data (no people), for names and anchoring. */
public record UnitRef(long id, String code, String name, long regionCode) {
}
