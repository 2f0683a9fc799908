package cn.grassroots.training.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import cn.grassroots.training.internal.PlanRepository.Clash;
import cn.grassroots.training.internal.PlanRepository.Session;
import cn.grassroots.training.internal.ProgrammeRepository.Settings;

/** Each plan rule on a small hand-made plan, passing and failing. */
class PlanRulesTest {

	private static final LocalDate DAY1 = LocalDate.of(2026, 6, 18);
	private static long ids = 1;

	static Session s(LocalDate day, String start, String end, String hours, CourseType type, Delivery delivery) {
		return s(day, start, end, hours, type, delivery, null, false);
	}

	static Session s(LocalDate day, String start, String end, String hours, CourseType type, Delivery delivery,
			Long siteId, boolean siteApproved) {
		long id = ids++;
		return new Session(id, 1, id, day, LocalTime.parse(start), LocalTime.parse(end), new BigDecimal(hours),
				"课" + id, type, delivery, null, null, null, null, siteId, siteId == null ? null : "观摩点", siteApproved,
				delivery == Delivery.LIVE_RELAY);
	}

	static Settings settings(CaseShareBasis basis, String share, DayOrder order, int liveDays) {
		return new Settings(basis, new BigDecimal(share), order, liveDays, 365, 2, 10);
	}

	static PlanRules.Context context(Settings settings, String required, ClassroomKind kind, List<Session> sessions,
			List<Session> mainLive) {
		return new PlanRules.Context(settings, new BigDecimal(required), kind, sessions, mainLive, List.of(), List.of());
	}

	static PlanRules.Result result(PlanRules.Context c, String rule) {
		return PlanRules.check(c).stream().filter(r -> r.rule().equals(rule)).findFirst().orElseThrow();
	}

	@Test
	void everyRuleAnswersOnceInAFixedOrder() {
		var c = context(Settings.defaults(), "1", ClassroomKind.MAIN,
				List.of(s(DAY1, "09:00", "10:00", "1", CourseType.CASE, Delivery.OFFLINE)), null);
		assertThat(PlanRules.check(c)).extracting(PlanRules.Result::rule).containsExactly("CASE_SHARE", "DAY_ORDER",
				"LIVE_RELAY", "OBSERVATION_SITES", "LECTURER_CLASH", "ROOM_CLASH", "TOTAL_HOURS");
	}

	@Test
	void caseShareByHoursPassesAtExactlyHalfAndCountsRelayedHours() {
		// relayed 4 h theory + 2 h case offline + 2 h case offline = 4 of 8 = 0.5: passes
		List<Session> half = List.of(s(DAY1, "08:00", "12:00", "4", CourseType.THEORY, Delivery.LIVE_RELAY),
				s(DAY1.plusDays(1), "08:00", "10:00", "2", CourseType.CASE, Delivery.OFFLINE),
				s(DAY1.plusDays(1), "10:00", "12:00", "2", CourseType.CASE, Delivery.OFFLINE));
		var pass = result(context(Settings.defaults(), "8", ClassroomKind.BRANCH, half, null), "CASE_SHARE");
		assertThat(pass.passed()).isTrue();
		assertThat(pass.args()).containsExactly("4", "8", "50.0", "50.0");
		// one more half hour of theory: 4 of 8.5 < 0.5
		List<Session> less = new ArrayList<>(half);
		less.add(s(DAY1.plusDays(2), "08:00", "08:30", "0.5", CourseType.THEORY, Delivery.OFFLINE));
		var fail = result(context(Settings.defaults(), "8", ClassroomKind.BRANCH, less, null), "CASE_SHARE");
		assertThat(fail.passed()).isFalse();
		assertThat(fail.args()).containsExactly("4", "8.5", "47.1", "50.0");
		assertThat(result(context(Settings.defaults(), "8", ClassroomKind.BRANCH, List.of(), null), "CASE_SHARE").passed())
			.isFalse();
	}

	@Test
	void caseShareBySessionsCountsSessionsNotHours() {
		Settings bySessions = settings(CaseShareBasis.SESSIONS, "0.5", DayOrder.ANY, 0);
		// 1 long theory session and 1 short case session: 1 of 2 sessions (passes) but 1 of 5 hours
		List<Session> plan = List.of(s(DAY1, "08:00", "12:00", "4", CourseType.THEORY, Delivery.OFFLINE),
				s(DAY1, "14:00", "15:00", "1", CourseType.CASE, Delivery.OFFLINE));
		assertThat(result(context(bySessions, "1", ClassroomKind.MAIN, plan, null), "CASE_SHARE").passed()).isTrue();
		assertThat(result(context(Settings.defaults(), "1", ClassroomKind.MAIN, plan, null), "CASE_SHARE").passed()).isFalse();
		List<Session> fewer = List.of(plan.get(0), plan.get(1), s(DAY1, "15:00", "16:00", "1", CourseType.POLICY, Delivery.OFFLINE));
		assertThat(result(context(bySessions, "1", ClassroomKind.MAIN, fewer, null), "CASE_SHARE").passed()).isFalse();
		// a share of 60% set by the programme
		Settings sixty = settings(CaseShareBasis.SESSIONS, "0.6", DayOrder.ANY, 0);
		assertThat(result(context(sixty, "1", ClassroomKind.MAIN, plan, null), "CASE_SHARE").passed()).isFalse();
	}

	@Test
	void dayOrderFollowsTheProgrammesSetting() {
		List<Session> liveThenOffline = List.of(s(DAY1, "08:00", "12:00", "4", CourseType.CASE, Delivery.LIVE_RELAY),
				s(DAY1.plusDays(1), "08:00", "12:00", "4", CourseType.CASE, Delivery.LIVE_RELAY),
				s(DAY1.plusDays(2), "08:00", "12:00", "4", CourseType.CASE, Delivery.OFFLINE),
				s(DAY1.plusDays(3), "08:00", "12:00", "4", CourseType.OBSERVATION, Delivery.FIELD));
		assertThat(result(context(settings(CaseShareBasis.HOURS, "0.5", DayOrder.LIVE_FIRST, 2), "1",
				ClassroomKind.BRANCH, liveThenOffline, null), "DAY_ORDER").passed()).isTrue();
		assertThat(result(context(settings(CaseShareBasis.HOURS, "0.5", DayOrder.OFFLINE_FIRST, 0), "1",
				ClassroomKind.BRANCH, liveThenOffline, null), "DAY_ORDER").passed()).isFalse();
		// the programme says 3 live days; the plan has 2
		var days = result(context(settings(CaseShareBasis.HOURS, "0.5", DayOrder.ANY, 3), "1", ClassroomKind.BRANCH,
				liveThenOffline, null), "DAY_ORDER");
		assertThat(days.passed()).isFalse();
		assertThat(days.args()).containsExactly(2, 3);
		// no order set: any order passes; the order itself is by day, not by list position
		assertThat(result(context(Settings.defaults(), "1", ClassroomKind.BRANCH, List.of(liveThenOffline.get(3), liveThenOffline.get(2), liveThenOffline.get(1), liveThenOffline.get(0)), null),
				"DAY_ORDER").passed()).isTrue();
		// a day with both live and offline sessions breaks LIVE_FIRST
		List<Session> mixed = List.of(s(DAY1, "08:00", "10:00", "2", CourseType.CASE, Delivery.LIVE_RELAY),
				s(DAY1, "14:00", "16:00", "2", CourseType.CASE, Delivery.OFFLINE));
		assertThat(result(context(settings(CaseShareBasis.HOURS, "0.5", DayOrder.LIVE_FIRST, 0), "1",
				ClassroomKind.BRANCH, mixed, null), "DAY_ORDER").passed()).isFalse();
	}

	@Test
	void aBranchCarriesEveryLiveSessionOfTheMainClassroom() {
		Session live1 = s(DAY1, "08:00", "12:00", "4", CourseType.THEORY, Delivery.LIVE_RELAY);
		Session live2 = s(DAY1, "14:00", "17:00", "3", CourseType.CASE, Delivery.LIVE_RELAY);
		Session carried1 = new Session(99, 2, 99, live1.date(), live1.start(), live1.end(), live1.hours(), live1.title(),
				live1.courseType(), Delivery.LIVE_RELAY, null, null, null, null, null, null, false, true);
		Session carried2 = new Session(100, 2, 100, live2.date(), live2.start(), live2.end(), live2.hours(), live2.title(),
				live2.courseType(), Delivery.LIVE_RELAY, null, null, null, null, null, null, false, true);
		Session own = s(DAY1.plusDays(1), "08:00", "12:00", "4", CourseType.CASE, Delivery.OFFLINE);
		assertThat(result(context(Settings.defaults(), "1", ClassroomKind.BRANCH, List.of(carried1, carried2, own),
				List.of(live1, live2)), "LIVE_RELAY").passed()).isTrue();
		var missing = result(context(Settings.defaults(), "1", ClassroomKind.BRANCH, List.of(carried1, own),
				List.of(live1, live2)), "LIVE_RELAY");
		assertThat(missing.passed()).isFalse();
		assertThat(missing.args().get(0)).isEqualTo(1);
		assertThat((String) missing.args().get(1)).contains(live2.title());
		// the same title at another time is not the relay
		Session moved = new Session(101, 2, 101, live2.date(), LocalTime.of(15, 0), LocalTime.of(18, 0), live2.hours(),
				live2.title(), live2.courseType(), Delivery.LIVE_RELAY, null, null, null, null, null, null, false, true);
		assertThat(result(context(Settings.defaults(), "1", ClassroomKind.BRANCH, List.of(carried1, moved),
				List.of(live1, live2)), "LIVE_RELAY").passed()).isFalse();
		// the main classroom, and a branch before the main has a plan, pass
		assertThat(result(context(Settings.defaults(), "1", ClassroomKind.MAIN, List.of(own), null), "LIVE_RELAY").passed()).isTrue();
		assertThat(result(context(Settings.defaults(), "1", ClassroomKind.BRANCH, List.of(own), null), "LIVE_RELAY").passed()).isTrue();
	}

	@Test
	void observationSessionsUseApprovedSites() {
		Session approved = s(DAY1, "08:00", "12:00", "4", CourseType.OBSERVATION, Delivery.FIELD, 7L, true);
		Session unapproved = s(DAY1, "14:00", "17:00", "3", CourseType.OBSERVATION, Delivery.FIELD, 8L, false);
		Session none = s(DAY1.plusDays(1), "08:00", "12:00", "4", CourseType.OBSERVATION, Delivery.FIELD);
		Session lecture = s(DAY1.plusDays(1), "14:00", "17:00", "3", CourseType.THEORY, Delivery.OFFLINE);
		assertThat(result(context(Settings.defaults(), "1", ClassroomKind.MAIN, List.of(approved, lecture), null),
				"OBSERVATION_SITES").passed()).isTrue();
		var bad = result(context(Settings.defaults(), "1", ClassroomKind.MAIN, List.of(approved, unapproved, none, lecture),
				null), "OBSERVATION_SITES");
		assertThat(bad.passed()).isFalse();
		assertThat(bad.args().get(0)).isEqualTo(2);
	}

	@Test
	void clashesFoundInTheDatabaseFailTheirRule() {
		List<Session> plan = List.of(s(DAY1, "08:00", "12:00", "4", CourseType.CASE, Delivery.OFFLINE));
		var clean = context(Settings.defaults(), "1", ClassroomKind.MAIN, plan, null);
		assertThat(result(clean, "LECTURER_CLASH").passed()).isTrue();
		assertThat(result(clean, "ROOM_CLASH").passed()).isTrue();
		var lecturer = new PlanRules.Context(Settings.defaults(), BigDecimal.ONE, ClassroomKind.MAIN, plan, null,
				List.of(new Clash(1, "课1", "张教授", 2, "课2", "哈尔滨分课堂")), List.of());
		assertThat(result(lecturer, "LECTURER_CLASH").passed()).isFalse();
		assertThat(result(lecturer, "ROOM_CLASH").passed()).isTrue();
		var room = new PlanRules.Context(Settings.defaults(), BigDecimal.ONE, ClassroomKind.MAIN, plan, null, List.of(),
				List.of(new Clash(1, "课1", "报告厅", 2, "课2", null)));
		assertThat(result(room, "ROOM_CLASH").passed()).isFalse();
		assertThat((String) result(room, "ROOM_CLASH").args().get(1)).contains("报告厅");
	}

	@Test
	void totalHoursMeetTheProgramme() {
		List<Session> plan = List.of(s(DAY1, "08:00", "12:00", "4", CourseType.CASE, Delivery.OFFLINE),
				s(DAY1, "14:00", "17:30", "3.5", CourseType.CASE, Delivery.OFFLINE));
		assertThat(result(context(Settings.defaults(), "7.5", ClassroomKind.MAIN, plan, null), "TOTAL_HOURS").passed()).isTrue();
		assertThat(result(context(Settings.defaults(), "8", ClassroomKind.MAIN, plan, null), "TOTAL_HOURS").passed()).isFalse();
	}
}
