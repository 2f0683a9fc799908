package cn.grassroots.measures.web;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import cn.grassroots.measures.internal.MeasureKind;
import cn.grassroots.measures.internal.MeasureService;
import cn.grassroots.measures.internal.MeasureService.MeasureView;
import cn.grassroots.measures.internal.MeasureStatus;
import cn.grassroots.measures.internal.MechanismLevel;
import cn.grassroots.measures.internal.MechanismService;
import cn.grassroots.measures.internal.MechanismService.MechanismView;
import cn.grassroots.measures.internal.MemberRole;
import cn.grassroots.measures.internal.ReportCycle;
import cn.grassroots.org.UnitRef;
import cn.grassroots.platform.PageRequest;
import cn.grassroots.platform.PageResult;
import cn.grassroots.platform.Ref;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Mechanisms (协调机制) and their measures over JSON, each list filtered to the caller's scope in SQL. */
@RestController
@RequestMapping("/api/v1/mechanisms")
@Tag(name = "mechanisms", description = "协调机制 — coordination mechanisms, their member units and measures")
class MechanismApiController {

	static Ref unit(UnitRef u) {
		return u == null ? null : new Ref(u.id(), u.name());
	}

	record RegionRef(String code, String name) {
	}

	/** The list body of a mechanism (API contract). */
	record MechanismBody(long id, String name, RegionRef region, Ref leadUnit, Ref coordinatingUnit,
			int memberUnitCount) {

		static MechanismBody of(MechanismView v) {
			var m = v.mechanism();
			return new MechanismBody(m.id(), m.name(), new RegionRef(Long.toString(m.regionCode()), v.regionName()),
					unit(v.leadUnit()), unit(v.coordinatingUnit()), m.memberCount());
		}
	}

	record MemberBody(long id, String name, MemberRole role, String duty) {
	}

	record MechanismDetail(long id, String name, MechanismLevel level, RegionRef region, String leaderName,
			String leaderTitle, Ref leadUnit, Ref coordinatingUnit, String foundingDocument, LocalDate foundedOn,
			Long parentId, int memberUnitCount, List<MemberBody> members) {
	}

	record PartnerBody(long id, String name, String part) {
	}

	/** The list body of a measure (API contract). */
	record MeasureBody(long id, String code, String title, MeasureKind kind, MeasureStatus status, BigDecimal progress,
			LocalDate dueDate, Ref leadUnit, List<PartnerBody> partnerUnits) {

		static MeasureBody of(MeasureView v) {
			var m = v.measure();
			return new MeasureBody(m.id(), m.code(), m.title(), m.kind(), v.evaluation().status(),
					MechanismApiController.progress(v.evaluation().progress()), m.dueDate(), unit(v.leadUnit()),
					v.partners().stream().filter(p -> p.unit() != null)
						.map(p -> new PartnerBody(p.unit().id(), p.unit().name(), p.part())).toList());
		}
	}

	static BigDecimal progress(double p) {
		return BigDecimal.valueOf(p).setScale(4, RoundingMode.HALF_UP);
	}

	record MemberRequest(Long unitId, String duty) {
	}

	record MechanismRequest(String name, MechanismLevel level, String regionCode, String leaderName, String leaderTitle,
			Long leadUnitId, Long coordinatingUnitId, String foundingDocument, LocalDate foundedOn, Long parentId,
			List<MemberRequest> members) {

		MechanismService.Draft draft() {
			return new MechanismService.Draft(name, level, regionCode, leaderName, leaderTitle, leadUnitId,
					coordinatingUnitId, foundingDocument, foundedOn, parentId, members == null ? null
							: members.stream().map(m -> m == null ? null : new MechanismService.MemberDraft(m.unitId(), m.duty())).toList());
		}
	}

	record PartnerRequest(Long unitId, String part) {
	}

	record TargetRequest(String periodLabel, LocalDate periodEnd, String description, String indicator,
			BigDecimal baseline, BigDecimal targetValue, String unit) {
	}

	record MeasureRequest(String code, String title, String description, String category, Long leadUnitId,
			List<PartnerRequest> partners, String clause, MeasureKind kind, LocalDate startDate, LocalDate dueDate,
			ReportCycle reportCycle, BigDecimal weight, Long parentId, Long citedMeasureId, List<TargetRequest> targets) {

		MeasureService.Draft draft() {
			return new MeasureService.Draft(code, title, description, category, leadUnitId,
					partners == null ? null : partners.stream().map(p -> p == null ? null
							: new MeasureService.PartnerDraft(p.unitId(), p.part())).toList(),
					clause, kind, startDate, dueDate, reportCycle, weight, parentId, citedMeasureId,
					targets == null ? null : targets.stream().map(t -> t == null ? null
							: new MeasureService.TargetDraft(t.periodLabel(), t.periodEnd(), t.description(), t.indicator(),
									t.baseline(), t.targetValue(), t.unit())).toList());
		}
	}

	record UnitCountBody(Ref unit, int total, java.util.Map<MeasureStatus, Integer> byStatus) {
	}

	record ListedMeasure(long id, String code, String title, LocalDate dueDate, BigDecimal progress, Ref leadUnit) {

		static ListedMeasure of(MeasureView v) {
			return new ListedMeasure(v.measure().id(), v.measure().code(), v.measure().title(), v.measure().dueDate(),
					MechanismApiController.progress(v.evaluation().progress()), unit(v.leadUnit()));
		}
	}

	/** A lead unit's reporting punctuality: cycles owed, reported within the grace days, late, missing; rate = onTime / owed. */
	record PunctualityBody(Ref unit, int owed, int onTime, int late, int missing, BigDecimal rate) {
	}

	/** A staged target against its actual; met is null while nothing was reported. */
	record TargetActualBody(long measureId, String code, String title, String periodLabel, LocalDate periodEnd,
			String indicator, BigDecimal baseline, BigDecimal targetValue, BigDecimal actual, String unit, boolean ended,
			Boolean met) {
	}

	/** Counts by status, kind and lead unit, with the overdue and at-risk measures, punctuality and staged targets. */
	record DashboardBody(long mechanismId, int total, java.util.Map<MeasureStatus, Integer> byStatus,
			java.util.Map<MeasureKind, Integer> byKind, List<UnitCountBody> byUnit, List<ListedMeasure> overdue,
			List<ListedMeasure> atRisk, List<PunctualityBody> punctuality, List<TargetActualBody> targets) {
	}

	private final MechanismService mechanisms;
	private final MeasureService measures;
	private final cn.grassroots.measures.internal.DashboardService dashboards;
	private final cn.grassroots.measures.internal.MeasureListXlsx lists;

	private final cn.grassroots.measures.internal.DashboardXlsx dashboardXlsx;

	MechanismApiController(MechanismService mechanisms, MeasureService measures,
			cn.grassroots.measures.internal.DashboardService dashboards, cn.grassroots.measures.internal.MeasureListXlsx lists,
			cn.grassroots.measures.internal.DashboardXlsx dashboardXlsx) {
		this.dashboardXlsx = dashboardXlsx;
		this.lists = lists;
		this.mechanisms = mechanisms;
		this.measures = measures;
		this.dashboards = dashboards;
	}

	@GetMapping("/{id}/measures/export")
	@Operation(summary = "The measure list as XLSX (the measures the caller reaches)")
	org.springframework.http.ResponseEntity<byte[]> export(@PathVariable long id) {
		return org.springframework.http.ResponseEntity.ok()
			.contentType(org.springframework.http.MediaType
				.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
			.header(org.springframework.http.HttpHeaders.CONTENT_DISPOSITION, org.springframework.http.ContentDisposition
				.attachment().filename("措施清单-" + id + ".xlsx", java.nio.charset.StandardCharsets.UTF_8).build().toString())
			.body(lists.export(id));
	}

	@PostMapping(path = "/{id}/measures/import", consumes = org.springframework.http.MediaType.MULTIPART_FORM_DATA_VALUE)
	@Operation(summary = "Import the measure list from XLSX: matched by code, all or nothing, safe to re-run; rows missing from the file are kept and listed")
	cn.grassroots.measures.internal.MeasureListXlsx.Result importList(@PathVariable long id,
			@org.springframework.web.bind.annotation.RequestPart(name = "file", required = false)
			org.springframework.web.multipart.MultipartFile file) throws java.io.IOException {
		if (file == null || file.isEmpty()) {
			throw cn.grassroots.platform.InvalidInputException.of("file", "is required");
		}
		try (var in = file.getInputStream()) {
			return lists.importList(id, in);
		}
	}

	@GetMapping("/{id}/dashboard/export")
	@Operation(summary = "The dashboard as XLSX: counts, lead units, overdue and at-risk measures, punctuality, staged targets (the measures the caller reaches)")
	org.springframework.http.ResponseEntity<byte[]> exportDashboard(@PathVariable long id) {
		return org.springframework.http.ResponseEntity.ok()
			.contentType(org.springframework.http.MediaType
				.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
			.header(org.springframework.http.HttpHeaders.CONTENT_DISPOSITION, org.springframework.http.ContentDisposition
				.attachment().filename("督查看板-" + id + ".xlsx", java.nio.charset.StandardCharsets.UTF_8).build().toString())
			.body(dashboardXlsx.export(id));
	}

	@GetMapping("/{id}/dashboard")
	@Operation(summary = "The mechanism's measures the caller reaches, counted by status, kind and lead unit, with the overdue and at-risk ones")
	DashboardBody dashboard(@PathVariable long id) {
		var d = dashboards.of(id);
		return new DashboardBody(d.mechanismId(), d.total(), d.byStatus(), d.byKind(),
				d.byUnit().stream().map(u -> new UnitCountBody(unit(u.unit()), u.total(), u.byStatus())).toList(),
				d.overdue().stream().map(ListedMeasure::of).toList(), d.atRisk().stream().map(ListedMeasure::of).toList(),
				d.punctuality().stream().map(p -> new PunctualityBody(unit(p.unit()), p.owed(), p.onTime(), p.late(),
						p.missing(), p.rate() == null ? null : progress(p.rate()))).toList(),
				d.targets().stream().map(t -> new TargetActualBody(t.measure().measure().id(), t.measure().measure().code(),
						t.measure().measure().title(), t.target().periodLabel(), t.target().periodEnd(), t.target().indicator(),
						t.target().baseline(), t.target().targetValue(), t.target().actual(), t.target().unit(), t.ended(),
						t.met())).toList());
	}

	@GetMapping
	@Operation(summary = "Mechanisms the caller reaches: a region's at and below it; a unit's where it is a member")
	PageResult<MechanismBody> list(@RequestParam(required = false) String q, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size) {
		return mechanisms.list(q, PageRequest.of(page, size)).map(MechanismBody::of);
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Set up a mechanism (needs MEASURE_MANAGE over its region)")
	MechanismBody create(@RequestBody MechanismRequest body) {
		return MechanismBody.of(mechanisms.get(mechanisms.create(body.draft()).id()));
	}

	@org.springframework.web.bind.annotation.PutMapping("/{id}")
	@Operation(summary = "Change a mechanism: name, leader, document, lead and coordinating units, member units and duties (its lead or coordinating unit, or a region manager); region and level stay")
	MechanismDetail update(@PathVariable long id, @RequestBody MechanismRequest body) {
		mechanisms.update(id, body.draft());
		return get(id);
	}

	@GetMapping("/{id}")
	MechanismDetail get(@PathVariable long id) {
		MechanismView v = mechanisms.get(id);
		var m = v.mechanism();
		List<MemberBody> members = mechanisms.members(id).stream()
			.map(x -> new MemberBody(x.unit() == null ? 0 : x.unit().id(), x.unit() == null ? null : x.unit().name(),
					x.role(), x.duty()))
			.toList();
		return new MechanismDetail(m.id(), m.name(), m.level(), new RegionRef(Long.toString(m.regionCode()), v.regionName()),
				m.leaderName(), m.leaderTitle(), unit(v.leadUnit()), unit(v.coordinatingUnit()),
				m.foundingDocument(), m.foundedOn(), m.parentId(), m.memberCount(), members);
	}

	@GetMapping("/{id}/measures")
	@Operation(summary = "The mechanism's measures the caller reaches, by code: all for the region, lead and coordinating units; a member unit's own otherwise")
	PageResult<MeasureBody> measures(@PathVariable long id, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size) {
		return measures.list(id, PageRequest.of(page, size)).map(MeasureBody::of);
	}

	@PostMapping("/{id}/measures")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Add a measure (a region manager, or the mechanism's lead or coordinating unit)")
	MeasureBody createMeasure(@PathVariable long id, @RequestBody MeasureRequest body) {
		long created = measures.create(id, body.draft()).id();
		return MeasureBody.of(measures.get(created).view());
	}
}
