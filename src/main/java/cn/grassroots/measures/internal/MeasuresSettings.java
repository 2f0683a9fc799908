package cn.grassroots.measures.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The thresholds of the status and notice rules ({@code grassroots.measures.*}).
 *
 * @param reportGraceDays a report is missing this many days after its cycle ended (10)
 * @param riskGap AT_RISK when the elapsed share of the measure's time minus its progress exceeds this (0.25)
 * @param dueSoonDays AT_RISK when due within this many days and unfinished (30)
 * @param blueNoticeDays a blue notice when due within this many days (15)
 * @param noticeResponseDays a notice's response is due this many days after issue (7)
 * @param zone the time zone whose calendar dates count (Asia/Shanghai)
 */
@ConfigurationProperties("grassroots.measures")
public record MeasuresSettings(@DefaultValue("10") int reportGraceDays, @DefaultValue("0.25") double riskGap,
		@DefaultValue("30") int dueSoonDays, @DefaultValue("15") int blueNoticeDays,
		@DefaultValue("7") int noticeResponseDays, @DefaultValue("Asia/Shanghai") String zone) {

	public static MeasuresSettings defaults() {
		return new MeasuresSettings(10, 0.25, 30, 15, 7, "Asia/Shanghai");
	}
}
