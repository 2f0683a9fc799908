package cn.grassroots.training.web;

import java.util.ArrayList;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.grassroots.training.internal.CoverageService;
import cn.grassroots.training.internal.CoverageService.CoveragePersonLine;
import cn.grassroots.training.internal.CoverageService.MakeUpOutcome;
import cn.grassroots.training.internal.CoverageService.MakeUpTarget;
import cn.grassroots.training.internal.CoverageService.ProgrammeCoverage;
import cn.grassroots.training.internal.TrainingXlsx;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Coverage (全覆盖) of a programme's target posts, make-up enrolments (补训) and the untrained list. */
@RestController
@Tag(name = "training")
class CoverageApiController {

	record MakeUpRequest(String regionCode, Long classroomId, List<Long> personIds) {
	}

	private final CoverageService coverage;

	CoverageApiController(CoverageService coverage) {
		this.coverage = coverage;
	}

	@GetMapping("/api/v1/training/programmes/{id}/coverage")
	@Operation(summary = "Who holding the target posts under the region is trained, in make-up or untrained; counts per region one level down")
	ProgrammeCoverage coverage(@PathVariable long id, @RequestParam(required = false) String regionCode) {
		return coverage.coverage(id, regionCode);
	}

	@GetMapping("/api/v1/training/programmes/{id}/coverage/untrained/export")
	@Operation(summary = "The untrained holders under the region as XLSX")
	ResponseEntity<byte[]> export(@PathVariable long id, @RequestParam(required = false) String regionCode) {
		ProgrammeCoverage c = coverage.coverage(id, regionCode);
		return Xlsx.download("未参训名单-" + c.regionName() + ".xlsx", untrainedXlsx(c));
	}

	@GetMapping("/api/v1/training/programmes/{id}/coverage/make-up-targets")
	@Operation(summary = "Classrooms of this or a later programme the caller manages, for make-up enrolments")
	List<MakeUpTarget> targets(@PathVariable long id) {
		return coverage.makeUpTargets(id);
	}

	@PostMapping("/api/v1/training/programmes/{id}/coverage/make-up")
	@Operation(summary = "Enrol the untrained under the region (or those picked) into a classroom as make-up (补训) for this programme")
	MakeUpOutcome makeUp(@PathVariable long id, @RequestBody MakeUpRequest body) {
		return coverage.makeUp(id, body.regionCode(), body.classroomId(), body.personIds());
	}

	static byte[] untrainedXlsx(ProgrammeCoverage c) {
		List<List<Object>> rows = new ArrayList<>();
		for (CoveragePersonLine p : c.untrained()) {
			rows.add(java.util.Arrays.asList(p.personId(), p.personName(), p.areaName(), Long.toString(p.regionCode()),
					String.join("、", p.posts().stream().map(Enum::name).toList()), p.postStart(), p.newlyAppointed()));
		}
		return TrainingXlsx.write(List.of(new TrainingXlsx.Table("未参训", List.of("人员ID", "姓名", "所属地区", "区划代码", "职务",
				"任职日期", "新任职"), rows)));
	}
}
