package cn.grassroots.measures.internal;

/** 督办单 colours: blue when due within 15 days, yellow when AT_RISK, red when OVERDUE. */
public enum NoticeColour {
	BLUE, YELLOW, RED
}
