package cn.grassroots.org.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.ModelAndView;

import cn.grassroots.org.PostType;
import cn.grassroots.org.internal.RosterExportService;
import cn.grassroots.org.internal.RosterImport;
import cn.grassroots.org.internal.RosterImportService;
import cn.grassroots.platform.InvalidInputException;
import cn.grassroots.platform.jobs.Job;
import cn.grassroots.platform.jobs.JobViews;
import cn.grassroots.platform.security.CurrentUser;
import cn.grassroots.platform.security.Permission;
import cn.grassroots.platform.web.Htmx;

/** 人员名册导入: upload page, preview with every bad row, commit; 导出 from the list's filters. */
@Controller
class RosterImportPageController {

	private final RosterImportService imports;
	private final RosterExportService exports;
	private final JobViews views;
	private final CurrentUser user;

	RosterImportPageController(RosterImportService imports, RosterExportService exports, JobViews views, CurrentUser user) {
		this.imports = imports;
		this.exports = exports;
		this.views = views;
		this.user = user;
	}

	@GetMapping("/people/import")
	String form() {
		user.require(Permission.ROSTER_IMPORT);
		return "people/import";
	}

	@GetMapping("/people/import/template")
	ResponseEntity<byte[]> template() throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		imports.writeTemplate(out, LocaleContextHolder.getLocale());
		return RosterImportApiController.xlsx(out.toByteArray(), RosterImportService.templateFileName());
	}

	@PostMapping("/people/import")
	String upload(@RequestParam(name = "file", required = false) MultipartFile file, Model model,
			HttpServletResponse response) throws IOException {
		user.require(Permission.ROSTER_IMPORT);
		if (file == null || file.isEmpty()) {
			return rejected(model, response, "import.file.empty");
		}
		try (InputStream in = file.getInputStream()) {
			RosterImport imp = imports.upload(file.getOriginalFilename(), file.getSize(), in);
			return "redirect:/people/import/" + imp.id();
		}
		catch (InvalidInputException e) {
			return rejected(model, response, e.errors().isEmpty() ? "import.file.notXlsx" : e.errors().get(0).message());
		}
	}

	@GetMapping("/people/import/{id}")
	String preview(@PathVariable long id, Model model, HttpServletRequest request) {
		RosterImport imp = imports.get(id);
		model.addAttribute("imp", imp);
		model.addAttribute("errors", views.errors(imp.errors()));
		Job job = imports.validation(imp).orElse(null);
		model.addAttribute("percent", job == null ? 0 : (int) Math.round(job.progress() * 100));
		model.addAttribute("checked", job == null ? 0 : job.rows());
		return Htmx.view(request, "people/import-preview", "status");
	}

	@PostMapping("/people/import/{id}/commit")
	String commit(@PathVariable long id) {
		return "redirect:/jobs/" + imports.commit(id).id();
	}

	/** 导出: starts the export of the list's current filters and opens its job (htmx follows HX-Redirect). */
	@PostMapping("/people/export")
	ResponseEntity<Void> export(@RequestParam(required = false) String region, @RequestParam(required = false) String name,
			@RequestParam(required = false) PostType post, @RequestParam(required = false) Boolean partyMember,
			HttpServletRequest request) {
		Job job = exports.submit(RosterImportApiController.criteria(region, name, post, partyMember));
		String target = request.getContextPath() + "/jobs/" + job.id();
		if (Htmx.isHtmx(request)) {
			return ResponseEntity.noContent().header("HX-Redirect", target).build();
		}
		return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(target)).build();
	}

	private static String rejected(Model model, HttpServletResponse response, String key) {
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		model.addAttribute("uploadError", key);
		return "people/import";
	}

	@ExceptionHandler(MaxUploadSizeExceededException.class)
	ModelAndView tooLarge() {
		ModelAndView mav = new ModelAndView("people/import", HttpStatus.PAYLOAD_TOO_LARGE);
		mav.addObject("uploadError", "import.file.tooLarge");
		return mav;
	}

	@ExceptionHandler(MultipartException.class)
	ModelAndView badMultipart() {
		ModelAndView mav = new ModelAndView("people/import", HttpStatus.BAD_REQUEST);
		mav.addObject("uploadError", "import.file.missing");
		return mav;
	}
}
