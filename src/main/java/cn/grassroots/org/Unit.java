package cn.grassroots.org;

/** A unit: a government or party department, a party school, a resident unit, a company, a social organisation. */
public record Unit(long id, String code, String name, UnitKind kind, long regionCode, String regionPath, Long parentId) {
}
