package cn.grassroots.training.web;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.grassroots.org.PostType;
import cn.grassroots.training.internal.TrainingRecordService;
import cn.grassroots.training.internal.TrainingRecordService.HoursRequirement;
import cn.grassroots.training.internal.TrainingRecordService.HoursShortfall;
import cn.grassroots.training.internal.TrainingRecordService.TrainingRecord;
import cn.grassroots.training.internal.TrainingXlsx;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Training records (培训档案), the yearly-hours requirement per post and who falls short of it. */
@RestController
@Tag(name = "training")
class TrainingRecordApiController {

	record HoursRequirementRequest(String regionCode, PostType post, BigDecimal yearlyHours) {
	}

	private final TrainingRecordService records;

	TrainingRecordApiController(TrainingRecordService records) {
		this.records = records;
	}

	@GetMapping("/api/v1/training/me/record")
	@Operation(summary = "The caller's own training record: every programme with hours, tests and completion, trainings recorded by hand, credited hours by year")
	TrainingRecord mine() {
		return records.mine();
	}

	@GetMapping("/api/v1/training/people/{id}/record")
	@Operation(summary = "A person's training record, for an officer whose training scope reaches the person")
	TrainingRecord of(@PathVariable("id") long personId) {
		return records.of(personId);
	}

	@GetMapping("/api/v1/training/hours-requirements")
	@Operation(summary = "Yearly hours a post's holders owe, per region (the most specific region's setting applies)")
	List<HoursRequirement> requirements() {
		return records.requirements();
	}

	@PutMapping("/api/v1/training/hours-requirements")
	@Operation(summary = "Set a post's yearly hours in a region the caller manages (yearlyHours null removes the setting); audited")
	List<HoursRequirement> setRequirement(@RequestBody HoursRequirementRequest body) {
		records.setRequirement(body.regionCode(), body.post(), body.yearlyHours(), body.yearlyHours() == null);
		return records.requirements();
	}

	@GetMapping("/api/v1/training/hours-shortfalls")
	@Operation(summary = "Holders of posts with a requirement under the region whose credited hours in the year fall short, largest gap first")
	List<HoursShortfall> shortfalls(@RequestParam String regionCode, @RequestParam Integer year,
			@RequestParam(required = false) PostType post) {
		return records.shortfalls(regionCode, year, post);
	}

	@GetMapping("/api/v1/training/hours-shortfalls/export")
	@Operation(summary = "The same list as XLSX")
	ResponseEntity<byte[]> export(@RequestParam String regionCode, @RequestParam Integer year,
			@RequestParam(required = false) PostType post) {
		return Xlsx.download("学时不足-" + year + ".xlsx", shortfallXlsx(records.shortfalls(regionCode, year, post)));
	}

	static byte[] shortfallXlsx(List<HoursShortfall> list) {
		List<List<Object>> rows = new ArrayList<>();
		for (HoursShortfall s : list) {
			rows.add(List.of(s.personId(), s.personName(), Long.toString(s.regionCode()), s.post().name(), s.required(),
					s.credited(), s.shortBy()));
		}
		return TrainingXlsx.write(List.of(new TrainingXlsx.Table("学时不足",
				List.of("人员ID", "姓名", "区划代码", "职务", "年度应修学时", "已修学时", "差额"), rows)));
	}
}
