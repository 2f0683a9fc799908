package cn.grassroots.measures.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import cn.grassroots.org.OrgDirectory;
import cn.grassroots.org.Region;
import cn.grassroots.org.UnitRef;
import cn.grassroots.platform.audit.AuditLog;
import cn.grassroots.training.ActionListAdopted;

/**
 * 照单落实: an adopted seminar list's items become measures of the sponsor region's 照单落实
 * mechanism (created on first use), each owned by its community, whose secretary reports on it.
 * Delivery is at least once: an item already taken in is ignored.
 */
@Component
public class TrainingIntake {

	static final String SOURCE = "TRAINING:";

	private static final Logger log = LoggerFactory.getLogger(TrainingIntake.class);

	private final MeasureRepository repository;
	private final OrgDirectory org;
	private final MeasuresClock clock;
	private final AuditLog audit;
	private final TransactionTemplate ownTransaction;

	TrainingIntake(MeasureRepository repository, OrgDirectory org, MeasuresClock clock, AuditLog audit,
			PlatformTransactionManager transactions) {
		this.repository = repository;
		this.ownTransaction = new TransactionTemplate(transactions);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.org = org;
		this.clock = clock;
		this.audit = audit;
	}

	@ApplicationModuleListener
	void on(ActionListAdopted event) {
		take(event);
	}

	/** Takes the list in; returns how many items became measures (0 when all were taken in before). */
	@Transactional
	public int take(ActionListAdopted event) {
		long mechanism = mechanismFor(event.sponsorRegionCode());
		repository.lockMechanism(mechanism);
		LocalDate today = clock.today();
		int added = 0;
		for (ActionListAdopted.Item item : event.items()) {
			if (repository.hasSourceItem(item.itemId())) {
				continue;
			}
			LocalDate due = item.deadline() != null ? item.deadline() : today.withDayOfYear(1).plusYears(1).minusDays(1);
			LocalDate start = due.isBefore(today) ? due : today;
			String title = cut(item.title() == null || item.title().isBlank() ? "照单落实事项" : item.title().strip(), 300);
			long id = repository.insertMeasure(mechanism, "ZD-" + event.listId() + "-" + item.itemId(), title,
					item.expectedResult() == null ? null : cut(item.expectedResult(), 4000), "照单落实", null,
					item.communityCode(), "成果转化清单 " + event.listId(), MeasureKind.ANNUAL, start, due, ReportCycle.MONTHLY,
					BigDecimal.ONE, null, null, "system");
			repository.markSourceItem(id, item.itemId(), item.ownerPersonId());
			added++;
		}
		if (added > 0) {
			audit.action("MEASURE_LIST_TAKEN_IN").actor("system", null).target("mechanism", mechanism)
				.region(event.sponsorRegionCode())
				.after(Map.of("list", event.listId(), "programme", event.programmeId(), "measures", added))
				.record();
		}
		log.debug("Action list {}: {} of {} items taken in", event.listId(), added, event.items().size());
		return added;
	}

	/**
	 * The region's 照单落实 mechanism, created on first use in a transaction of its own: when two
	 * lists of a new region arrive at once, the one that loses the race on the unique source key
	 * takes the winner's mechanism instead of failing its delivery.
	 */
	private long mechanismFor(long regionCode) {
		String key = SOURCE + regionCode;
		Optional<Long> existing = repository.mechanismBySource(key);
		if (existing.isPresent()) {
			return existing.get();
		}
		try {
			return ownTransaction.execute(status -> createMechanism(regionCode, key));
		}
		catch (DataIntegrityViolationException | ConcurrencyFailureException raced) {
			return repository.mechanismBySource(key).orElseThrow(() -> raced);
		}
	}

	private long createMechanism(long regionCode, String key) {
		Region region = org.region(regionCode).orElse(null);
		String name = (region == null ? Long.toString(regionCode) : region.name()) + "成果转化清单照单落实机制";
		MechanismLevel level = region == null ? MechanismLevel.COUNTY : switch (region.level()) {
			case PROVINCE -> MechanismLevel.PROVINCE;
			case CITY -> MechanismLevel.CITY;
			default -> MechanismLevel.COUNTY;
		};
		Long lead = null;
		Long coordinating = null;
		for (UnitRef u : org.unitsAt(regionCode)) {
			if (lead == null && u.name().contains("组织部")) {
				lead = u.id();
			}
			if (coordinating == null && u.name().contains("社会工作部")) {
				coordinating = u.id();
			}
		}
		long id = repository.insertMechanism(name, level, regionCode, "组织部门主要负责同志", null, lead, coordinating,
				"成果转化清单（照单落实）", clock.today(), null, "system");
		if (lead != null) {
			repository.insertMember(id, lead, MemberRole.LEAD, "牵头抓总");
		}
		if (coordinating != null && !coordinating.equals(lead)) {
			repository.insertMember(id, coordinating, MemberRole.COORDINATING, "具体协调");
		}
		repository.markSource(id, key);
		return id;
	}

	private static String cut(String s, int max) {
		return s.length() <= max ? s : s.substring(0, max);
	}
}
