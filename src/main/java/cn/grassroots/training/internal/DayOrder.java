package cn.grassroots.training.internal;

/** The order of live-relay days and offline days a programme sets (the seed gives none). */
public enum DayOrder {
	/** No order required. */
	ANY,
	/** Every live-relay day comes before every offline day. */
	LIVE_FIRST,
	/** Every offline day comes before every live-relay day. */
	OFFLINE_FIRST
}
