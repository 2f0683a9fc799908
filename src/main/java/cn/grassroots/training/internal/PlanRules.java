package cn.grassroots.training.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import cn.grassroots.training.internal.PlanRepository.Clash;
import cn.grassroots.training.internal.PlanRepository.Session;
import cn.grassroots.training.internal.ProgrammeRepository.Settings;

/**
 * The rules a classroom's plan is checked against before it is submitted (前置审核), each a named
 * policy over a {@link Context}. Their settings come from the programme. Every result carries a
 * message key and its arguments for the detail shown to people.
 */
public final class PlanRules {

	/** What one rule found: its name, whether the plan passes, and why (a message key and arguments). */
	public record Result(String rule, boolean passed, String detailKey, List<Object> args) {

		static Result of(String rule, boolean passed, String key, Object... args) {
			return new Result(rule, passed, key, List.of(args));
		}
	}

	/**
	 * Everything the rules look at: the programme's settings and required hours, the classroom's
	 * kind, the plan's sessions, the main classroom's live sessions (null when there is no main plan),
	 * and the lecturer and room clashes found in the database.
	 */
	public record Context(Settings settings, BigDecimal requiredHours, ClassroomKind kind, List<Session> sessions,
			List<Session> mainLiveSessions, List<Clash> lecturerClashes, List<Clash> roomClashes) {
	}

	/** One named policy. */
	public interface Rule {

		String name();

		Result check(Context c);
	}

	public static final List<Rule> ALL = List.of(new CaseShare(), new DayOrderRule(), new LiveRelay(),
			new ObservationSites(), new LecturerClash(), new RoomClash(), new TotalHours());

	private PlanRules() {
	}

	public static List<Result> check(Context c) {
		return ALL.stream().map(r -> r.check(c)).toList();
	}

	static BigDecimal totalHours(List<Session> sessions) {
		return sessions.stream().map(Session::hours).reduce(BigDecimal.ZERO, BigDecimal::add);
	}

	/** 案例课 ≥ the programme's share (50% by default) of all plan hours, relayed ones included, or of sessions; exactly the share passes. */
	static final class CaseShare implements Rule {

		@Override
		public String name() {
			return "CASE_SHARE";
		}

		@Override
		public Result check(Context c) {
			BigDecimal min = c.settings().minCaseShare();
			String required = percent(min);
			if (c.settings().caseShareBasis() == CaseShareBasis.SESSIONS) {
				long all = c.sessions().size();
				long cases = c.sessions().stream().filter(s -> s.courseType() == CourseType.CASE).count();
				if (all == 0) {
					return Result.of(name(), false, "training.rule.empty");
				}
				boolean ok = BigDecimal.valueOf(cases).compareTo(min.multiply(BigDecimal.valueOf(all))) >= 0;
				return Result.of(name(), ok, "training.rule.caseShare.sessions", cases, all,
						percent(BigDecimal.valueOf(cases).divide(BigDecimal.valueOf(all), 6, RoundingMode.HALF_UP)), required);
			}
			BigDecimal all = totalHours(c.sessions());
			BigDecimal cases = totalHours(c.sessions().stream().filter(s -> s.courseType() == CourseType.CASE).toList());
			if (all.signum() == 0) {
				return Result.of(name(), false, "training.rule.empty");
			}
			boolean ok = cases.compareTo(min.multiply(all)) >= 0;
			return Result.of(name(), ok, "training.rule.caseShare.hours", cases.toPlainString(), all.toPlainString(),
					percent(cases.divide(all, 6, RoundingMode.HALF_UP)), required);
		}

		private static String percent(BigDecimal share) {
			return share.multiply(BigDecimal.valueOf(100)).setScale(1, RoundingMode.HALF_UP).toPlainString();
		}
	}

	/**
	 * Live-relay days and offline days (offline and field sessions) in the order the programme sets,
	 * and as many live days as it sets (when it sets a number). A day with both kinds breaks any order.
	 */
	static final class DayOrderRule implements Rule {

		@Override
		public String name() {
			return "DAY_ORDER";
		}

		@Override
		public Result check(Context c) {
			TreeSet<LocalDate> live = new TreeSet<>();
			TreeSet<LocalDate> offline = new TreeSet<>();
			for (Session s : c.sessions()) {
				(s.delivery() == Delivery.LIVE_RELAY ? live : offline).add(s.date());
			}
			int wanted = c.settings().liveDays();
			if (wanted > 0 && live.size() != wanted) {
				return Result.of(name(), false, "training.rule.dayOrder.liveDays", live.size(), wanted);
			}
			DayOrder order = c.settings().dayOrder();
			if (order == DayOrder.ANY) {
				return Result.of(name(), true, "training.rule.dayOrder.any", live.size(), offline.size());
			}
			if (live.isEmpty() || offline.isEmpty()) {
				return Result.of(name(), true, "training.rule.dayOrder.ok", live.size(), offline.size());
			}
			boolean ok = order == DayOrder.LIVE_FIRST ? live.last().isBefore(offline.first())
					: offline.last().isBefore(live.first());
			return Result.of(name(), ok, ok ? "training.rule.dayOrder.ok" : "training.rule.dayOrder.wrong",
					live.size(), offline.size());
		}
	}

	/** A branch classroom carries every live session of the main classroom's plan (same day, times and title, relayed). */
	static final class LiveRelay implements Rule {

		@Override
		public String name() {
			return "LIVE_RELAY";
		}

		@Override
		public Result check(Context c) {
			if (c.kind() == ClassroomKind.MAIN) {
				return Result.of(name(), true, "training.rule.liveRelay.main");
			}
			if (c.mainLiveSessions() == null) {
				return Result.of(name(), true, "training.rule.liveRelay.noMainPlan");
			}
			List<String> missing = new ArrayList<>();
			for (Session live : c.mainLiveSessions()) {
				boolean carried = c.sessions().stream()
					.anyMatch(s -> s.delivery() == Delivery.LIVE_RELAY && s.sameSlotAndTitle(live));
				if (!carried) {
					missing.add(live.date() + " " + live.start() + " " + live.title());
				}
			}
			return missing.isEmpty()
					? Result.of(name(), true, "training.rule.liveRelay.ok", c.mainLiveSessions().size())
					: Result.of(name(), false, "training.rule.liveRelay.missing", missing.size(), String.join("; ", missing));
		}
	}

	/** Every observation session is at a site of the approved list. */
	static final class ObservationSites implements Rule {

		@Override
		public String name() {
			return "OBSERVATION_SITES";
		}

		@Override
		public Result check(Context c) {
			List<Session> observations = c.sessions().stream().filter(s -> s.courseType() == CourseType.OBSERVATION)
				.toList();
			List<String> bad = observations.stream().filter(s -> s.siteId() == null || !s.siteApproved())
				.map(s -> s.date() + " " + s.title()).toList();
			return bad.isEmpty() ? Result.of(name(), true, "training.rule.sites.ok", observations.size())
					: Result.of(name(), false, "training.rule.sites.bad", bad.size(), String.join("; ", bad));
		}
	}

	/** No lecturer gives two sessions at overlapping times, here or in another classroom. */
	static final class LecturerClash implements Rule {

		@Override
		public String name() {
			return "LECTURER_CLASH";
		}

		@Override
		public Result check(Context c) {
			return clashes(name(), c.lecturerClashes(), "training.rule.lecturer");
		}
	}

	/** No room of the classroom holds two sessions at overlapping times. */
	static final class RoomClash implements Rule {

		@Override
		public String name() {
			return "ROOM_CLASH";
		}

		@Override
		public Result check(Context c) {
			return clashes(name(), c.roomClashes(), "training.rule.room");
		}
	}

	private static Result clashes(String rule, List<Clash> clashes, String key) {
		if (clashes.isEmpty()) {
			return Result.of(rule, true, key + ".ok");
		}
		Set<String> lines = new LinkedHashSet<>();
		for (Clash x : clashes) {
			lines.add(x.who() + ": " + x.sessionTitle() + " / " + x.otherTitle()
					+ (x.otherClassroom() == null ? "" : " (" + x.otherClassroom() + ")"));
		}
		return Result.of(rule, false, key + ".clash", lines.size(), lines.stream().collect(Collectors.joining("; ")));
	}

	/** The plan's hours meet the programme's required hours. */
	static final class TotalHours implements Rule {

		@Override
		public String name() {
			return "TOTAL_HOURS";
		}

		@Override
		public Result check(Context c) {
			BigDecimal total = totalHours(c.sessions());
			boolean ok = total.compareTo(c.requiredHours()) >= 0;
			return Result.of(name(), ok, "training.rule.totalHours", total.toPlainString(),
					c.requiredHours().toPlainString());
		}
	}
}
