package cn.grassroots.measures.internal;

/** 年内完成 (done, or clearly effective by year end) or 长期推进 (with staged targets). */
public enum MeasureKind {
	ANNUAL, LONG_TERM
}
