package cn.grassroots.platform.profile;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.grassroots.platform.InvalidInputException;
import cn.grassroots.platform.InvalidInputException.FieldError;
import cn.grassroots.platform.security.GrantLabels;

/** 个人中心: own account and grants, change password, personal API tokens (a new one shown once). */
@Controller
class ProfilePageController {

	public static class PasswordForm {
		private String currentPassword;
		private String newPassword;
		private String newPasswordConfirm;

		public String getCurrentPassword() { return currentPassword; }
		public void setCurrentPassword(String currentPassword) { this.currentPassword = currentPassword; }
		public String getNewPassword() { return newPassword; }
		public void setNewPassword(String newPassword) { this.newPassword = newPassword; }
		public String getNewPasswordConfirm() { return newPasswordConfirm; }
		public void setNewPasswordConfirm(String newPasswordConfirm) { this.newPasswordConfirm = newPasswordConfirm; }
	}

	public static class TokenForm {
		private String name;
		private String validityDays = "90";

		public String getName() { return name; }
		public void setName(String name) { this.name = name; }
		public String getValidityDays() { return validityDays; }
		public void setValidityDays(String validityDays) { this.validityDays = validityDays; }
	}

	private final ProfileService profile;
	private final GrantLabels labels;

	ProfilePageController(ProfileService profile, GrantLabels labels) {
		this.profile = profile;
		this.labels = labels;
	}

	@GetMapping("/profile")
	String show(Model model) {
		if (!model.containsAttribute("passwordForm")) {
			model.addAttribute("passwordForm", new PasswordForm());
		}
		if (!model.containsAttribute("tokenForm")) {
			model.addAttribute("tokenForm", new TokenForm());
		}
		return page(model);
	}

	@PostMapping("/profile/password")
	String changePassword(@ModelAttribute("passwordForm") PasswordForm form, BindingResult binding, Model model,
			RedirectAttributes redirect) {
		List<FieldError> errors = new ArrayList<>();
		if (form.getNewPassword() != null && !form.getNewPassword().equals(form.getNewPasswordConfirm())) {
			errors.add(new FieldError("newPasswordConfirm", "account.password.mismatch"));
		}
		else {
			try {
				profile.changePassword(form.getCurrentPassword(), form.getNewPassword());
				redirect.addFlashAttribute("flash", "profile.flash.passwordChanged");
				return "redirect:/profile";
			}
			catch (InvalidInputException e) {
				errors.addAll(e.errors());
			}
		}
		form.setCurrentPassword(null);
		form.setNewPassword(null);
		form.setNewPasswordConfirm(null);
		reject(binding, errors);
		model.addAttribute("tokenForm", new TokenForm());
		return page(model);
	}

	@PostMapping("/profile/tokens")
	String createToken(@ModelAttribute("tokenForm") TokenForm form, BindingResult binding, Model model,
			RedirectAttributes redirect) {
		List<FieldError> errors = new ArrayList<>();
		Integer days = null;
		if (form.getValidityDays() != null && !form.getValidityDays().isBlank()) {
			try {
				days = Integer.valueOf(form.getValidityDays().trim());
			}
			catch (NumberFormatException e) {
				errors.add(new FieldError("validityDays", "profile.token.validity"));
			}
		}
		if (errors.isEmpty()) {
			try {
				// shown once, on the page the redirect leads to; the flash attribute is gone after that
				redirect.addFlashAttribute("newToken", profile.createToken(form.getName(), days));
				return "redirect:/profile";
			}
			catch (InvalidInputException e) {
				errors.addAll(e.errors());
			}
		}
		reject(binding, errors);
		model.addAttribute("passwordForm", new PasswordForm());
		return page(model);
	}

	@PostMapping("/profile/tokens/{id}/revoke")
	String revokeToken(@PathVariable long id, RedirectAttributes redirect) {
		profile.revokeToken(id);
		redirect.addFlashAttribute("flash", "profile.flash.tokenRevoked");
		return "redirect:/profile";
	}

	private String page(Model model) {
		model.addAttribute("profile", profile.me());
		model.addAttribute("tokens", profile.tokens());
		model.addAttribute("labels", labels);
		model.addAttribute("maxValidityDays", ProfileService.MAX_VALIDITY_DAYS);
		return "profile/index";
	}

	private static void reject(BindingResult binding, List<FieldError> errors) {
		for (FieldError error : errors) {
			binding.rejectValue(error.field(), error.message(), error.message());
		}
	}
}
