package cn.grassroots.training.web;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.grassroots.training.internal.TrainingDashboardService;
import cn.grassroots.training.internal.TrainingDashboardService.TrainingDashboard;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Dashboards of a programme (province or a region) and of a classroom, as JSON and XLSX. */
@RestController
@Tag(name = "training")
class TrainingDashboardApiController {

	private final TrainingDashboardService dashboards;

	TrainingDashboardApiController(TrainingDashboardService dashboards) {
		this.dashboards = dashboards;
	}

	@GetMapping("/api/v1/training/programmes/{id}/dashboard")
	@Operation(summary = "Enrolment, attendance rate, leave, withdrawals, gains, plan compliance and open supervision findings per classroom and in total; regionCode narrows to a city")
	TrainingDashboard programme(@PathVariable long id, @RequestParam(required = false) String regionCode) {
		return dashboards.programme(id, regionCode);
	}

	@GetMapping("/api/v1/training/programmes/{id}/dashboard/export")
	@Operation(summary = "The programme dashboard as XLSX")
	ResponseEntity<byte[]> programmeXlsx(@PathVariable long id, @RequestParam(required = false) String regionCode) {
		return Xlsx.download("培训看板-" + id + ".xlsx", dashboards.xlsx(dashboards.programme(id, regionCode)));
	}

	@GetMapping("/api/v1/training/classrooms/{id}/dashboard")
	@Operation(summary = "One classroom's dashboard, for its officers and staff")
	TrainingDashboard classroom(@PathVariable long id) {
		return dashboards.classroom(id);
	}

	@GetMapping("/api/v1/training/classrooms/{id}/dashboard/export")
	@Operation(summary = "The classroom dashboard as XLSX")
	ResponseEntity<byte[]> classroomXlsx(@PathVariable long id) {
		return Xlsx.download("课堂看板-" + id + ".xlsx", dashboards.xlsx(dashboards.classroom(id)));
	}
}
