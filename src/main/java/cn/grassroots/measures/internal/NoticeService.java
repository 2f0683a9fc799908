package cn.grassroots.measures.internal;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.grassroots.measures.internal.MeasureEvaluator.Evaluation;
import cn.grassroots.measures.internal.MeasureRepository.Measure;
import cn.grassroots.measures.internal.MeasureRepository.Mechanism;
import cn.grassroots.measures.internal.NoticeRepository.Notice;
import cn.grassroots.measures.internal.NoticeRepository.OpenKey;
import cn.grassroots.platform.ConflictException;
import cn.grassroots.platform.NotFoundException;
import cn.grassroots.platform.audit.AuditLog;
import cn.grassroots.platform.security.CurrentUser;

/**
 * 督办单 and reminders. The daily run evaluates every open measure and keeps exactly one open
 * notice per measure and colour whose condition holds (blue: due within 15 days; yellow: AT_RISK;
 * red: OVERDUE), closing those whose condition has cleared; it reminds each unit (or community)
 * whose report for an owed cycle is missing, at most once per cycle. Running it twice the same day
 * changes nothing. Notices can also be issued by hand; the addressed unit responds within 7 days.
 */
@Service
public class NoticeService {

	/** What a daily run did. */
	public record RunResult(LocalDate day, int measures, int issued, int closed, int reminders) {

		public boolean changedNothing() {
			return issued == 0 && closed == 0 && reminders == 0;
		}
	}

	private static final Logger log = LoggerFactory.getLogger(NoticeService.class);
	private static final int BATCH = 2000;

	private final MeasureRepository measures;
	private final NoticeRepository notices;
	private final MeasureEvaluator evaluator;
	private final MeasureService measureService;
	private final MeasureAccess access;
	private final MeasuresSettings settings;
	private final MeasuresClock clock;
	private final CurrentUser user;
	private final AuditLog audit;

	NoticeService(MeasureRepository measures, NoticeRepository notices, MeasureEvaluator evaluator,
			MeasureService measureService, MeasureAccess access, MeasuresSettings settings, MeasuresClock clock,
			CurrentUser user, AuditLog audit) {
		this.measures = measures;
		this.notices = notices;
		this.evaluator = evaluator;
		this.measureService = measureService;
		this.access = access;
		this.settings = settings;
		this.clock = clock;
		this.user = user;
		this.audit = audit;
	}

	/** Every day at 00:10 in the measures' time zone. */
	@Scheduled(cron = "0 10 0 * * *", zone = "${grassroots.measures.zone:Asia/Shanghai}")
	public void scheduled() {
		RunResult r = runDaily();
		log.info("Measures daily run {}: {} measures, {} notices issued, {} closed, {} reminders", r.day(), r.measures(),
				r.issued(), r.closed(), r.reminders());
	}

	@Transactional
	public RunResult runDaily() {
		LocalDate today = clock.today();
		Map<Long, Set<NoticeColour>> open = new HashMap<>();
		Map<String, Long> openIds = new HashMap<>();
		for (OpenKey k : notices.openKeys()) {
			open.computeIfAbsent(k.measureId(), x -> EnumSet.noneOf(NoticeColour.class)).add(k.colour());
			openIds.put(NoticeRepository.key(k.measureId(), k.colour()), k.id());
		}
		Set<String> wanted = new HashSet<>();
		Map<String, Integer> missing = new TreeMap<>();
		Map<String, String> missingCycle = new HashMap<>();
		int issued = 0;
		int count = 0;
		long after = 0;
		while (true) {
			List<Measure> batch = measures.openMeasures(after, BATCH);
			if (batch.isEmpty()) {
				break;
			}
			after = batch.get(batch.size() - 1).id();
			count += batch.size();
			Map<Long, Evaluation> evaluations = evaluator.evaluate(batch, today);
			for (Measure m : batch) {
				Evaluation e = evaluations.get(m.id());
				for (NoticeColour colour : colours(m, e, today)) {
					String key = NoticeRepository.key(m.id(), colour);
					wanted.add(key);
					if (!open.getOrDefault(m.id(), Set.of()).contains(colour)) {
						notices.insert(m.id(), colour, m.leadUnitId(), reason(colour, m), today, "system",
								today.plusDays(settings.noticeResponseDays()));
						issued++;
					}
				}
				if (e.missingCycleEnd() != null) {
					String addressee = m.leadUnitId() != null ? "unit:" + m.leadUnitId() : "region:" + m.ownerRegionCode();
					String label = m.cycle().label(e.missingCycleEnd());
					missing.merge(addressee + "|" + label, 1, Integer::sum);
					missingCycle.put(addressee + "|" + label, label);
				}
			}
		}
		List<Long> stale = new ArrayList<>();
		openIds.forEach((key, id) -> {
			if (!wanted.contains(key)) {
				stale.add(id);
			}
		});
		int closed = stale.isEmpty() ? 0 : notices.close(stale, today);
		int reminders = 0;
		for (var e : missing.entrySet()) {
			String addressee = e.getKey().substring(0, e.getKey().indexOf('|'));
			if (notices.remind(addressee, missingCycle.get(e.getKey()), today, e.getValue())) {
				reminders++;
			}
		}
		RunResult result = new RunResult(today, count, issued, closed, reminders);
		if (!result.changedNothing()) {
			audit.action("MEASURE_DAILY_RUN").actor("system", null)
				.detail("day " + today + ", measures " + count + ", notices issued " + issued + ", closed " + closed
						+ ", reminders " + reminders)
				.record();
		}
		return result;
	}

	/** The colours whose condition holds for the measure today. */
	public Set<NoticeColour> colours(Measure m, Evaluation e, LocalDate today) {
		Set<NoticeColour> colours = EnumSet.noneOf(NoticeColour.class);
		if (m.closed()) {
			return colours;
		}
		long days = ChronoUnit.DAYS.between(today, m.dueDate());
		if (days >= 0 && days <= settings.blueNoticeDays()) {
			colours.add(NoticeColour.BLUE);
		}
		if (e.status() == MeasureStatus.AT_RISK) {
			colours.add(NoticeColour.YELLOW);
		}
		if (e.status() == MeasureStatus.OVERDUE) {
			colours.add(NoticeColour.RED);
		}
		return colours;
	}

	private static String reason(NoticeColour colour, Measure m) {
		return switch (colour) {
			case BLUE -> "DUE_SOON " + m.dueDate();
			case YELLOW -> "AT_RISK";
			case RED -> "OVERDUE";
		};
	}

	public List<Notice> ofMeasure(long measureId) {
		measureService.require(measureId);
		return notices.ofMeasure(measureId);
	}

	/** A notice by hand: the coordinating unit or a region manager; 409 while one of the colour is open. */
	@Transactional
	public Notice issue(long measureId, NoticeColour colour, String reason) {
		Measure m = measureService.require(measureId);
		Mechanism mechanism = measures.mechanism(m.mechanismId()).orElseThrow();
		if (!access.canCloseOut(mechanism) && !access.manage().reachesRegion(mechanism.regionCode())) {
			throw MeasureAccess.forbidden();
		}
		Checks c = new Checks();
		c.required("colour", colour);
		String why = c.text("reason", reason, 500, true);
		c.throwIfAny();
		measures.lockMeasure(measureId);
		MeasureService.requireOpen(measures.measure(measureId).orElseThrow());
		if (notices.hasOpen(measureId, colour)) {
			throw new ConflictException("a " + colour + " notice is already open for this measure");
		}
		LocalDate today = clock.today();
		long id = notices.insert(measureId, colour, m.leadUnitId(), why, today, user.username(),
				today.plusDays(settings.noticeResponseDays()));
		audit.action("MEASURE_NOTICE_ISSUE").target("measure-notice", id).region(mechanism.regionCode())
			.after(Map.of("measure", measureId, "colour", colour.name(), "reason", why)).record();
		return notices.find(id).orElseThrow();
	}

	/** The addressed unit's response (its lead unit, or the owning community); once. */
	@Transactional
	public Notice respond(long noticeId, String response) {
		Notice n = notices.find(noticeId).orElseThrow(() -> new NotFoundException("no notice " + noticeId));
		Measure m = measureService.require(n.measureId());
		var scope = access.report();
		boolean addressee = n.unitId() != null ? scope.unitIds().contains(n.unitId())
				: m.ownerRegionCode() != null && scope.reachesRegion(m.ownerRegionCode());
		if (!addressee) {
			throw MeasureAccess.forbidden();
		}
		Checks c = new Checks();
		String text = c.text("response", response, 2000, true);
		c.throwIfAny();
		if (!notices.respond(noticeId, text, user.username(), clock.now())) {
			throw new ConflictException("the notice has already been answered");
		}
		Mechanism mechanism = measures.mechanism(m.mechanismId()).orElseThrow();
		audit.action("MEASURE_NOTICE_RESPOND").target("measure-notice", noticeId).region(mechanism.regionCode())
			.before(Map.of("response", "")).after(Map.of("response", text)).record();
		return notices.find(noticeId).orElseThrow();
	}
}
