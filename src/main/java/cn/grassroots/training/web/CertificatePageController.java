package cn.grassroots.training.web;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import cn.grassroots.training.internal.CompletionService;

/** The public page a certificate's QR code leads to: valid (holder's name masked) or not. */
@Controller
class CertificatePageController {

	private final CompletionService completion;

	CertificatePageController(CompletionService completion) {
		this.completion = completion;
	}

	@GetMapping("/certificates/{code}")
	String verify(@PathVariable String code, Model model, HttpServletResponse response) {
		var certificate = completion.verify(code).orElse(null);
		model.addAttribute("certificate", certificate);
		model.addAttribute("holder", certificate == null ? null : CompletionService.maskName(certificate.personName()));
		if (certificate == null) {
			response.setStatus(HttpServletResponse.SC_NOT_FOUND);
		}
		return "training/certificate-verify";
	}
}
