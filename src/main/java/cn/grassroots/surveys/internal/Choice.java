package cn.grassroots.surveys.internal;

/**
 * One choice of a choice list. {@code parent} is the value a {@code choice_filter} compares with
 * (the answer of the question the filter names); null when the list is not filtered.
 */
public record Choice(String name, Label label, String parent) {
}
