package cn.grassroots.measures.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.springframework.stereotype.Component;

/**
 * Today's date for the measures' rules: the calendar of {@code grassroots.measures.zone}
 * (Asia/Shanghai). The clock is replaceable, so tests move time without new contexts.
 */
@Component
public class MeasuresClock {

	private final ZoneId zone;
	private volatile Clock clock;

	MeasuresClock(MeasuresSettings settings) {
		this.zone = ZoneId.of(settings.zone());
		this.clock = Clock.system(zone);
	}

	public LocalDate today() {
		return LocalDate.now(clock.withZone(zone));
	}

	public Instant now() {
		return clock.instant();
	}

	public ZoneId zone() {
		return zone;
	}

	/** For tests: fix or move the clock; {@code null} goes back to the system clock. */
	public void use(Clock replacement) {
		this.clock = replacement == null ? Clock.system(zone) : replacement;
	}
}
