package cn.grassroots.org.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.grassroots.org.internal.AccountAdministration;
import cn.grassroots.org.internal.AccountAdministration.GrantDraft;
import cn.grassroots.org.internal.AccountAdministration.NewAccount;
import cn.grassroots.platform.ForbiddenException;
import cn.grassroots.platform.InvalidInputException;
import cn.grassroots.platform.InvalidInputException.FieldError;
import cn.grassroots.platform.PageRequest;
import cn.grassroots.platform.SortOrder;
import cn.grassroots.platform.security.AccountStore;
import cn.grassroots.platform.security.AccountStore.AccountRow;
import cn.grassroots.platform.security.GrantLabels;
import cn.grassroots.platform.security.Role;
import cn.grassroots.platform.web.Htmx;
import cn.grassroots.platform.web.Sorting;

/** 账号与授权: the account list, an account's grants and actions, the new-account, grant and password forms. */
@Controller
class AccountPageController {

	/** The new-account form, as typed. */
	public static class AccountForm {
		private String username;
		private String personId;
		private String password;
		private String passwordConfirm;

		public String getUsername() { return username; }
		public void setUsername(String username) { this.username = username; }
		public String getPersonId() { return personId; }
		public void setPersonId(String personId) { this.personId = personId; }
		public String getPassword() { return password; }
		public void setPassword(String password) { this.password = password; }
		public String getPasswordConfirm() { return passwordConfirm; }
		public void setPasswordConfirm(String passwordConfirm) { this.passwordConfirm = passwordConfirm; }
	}

	/** The grant form: custom regions as codes separated by commas, spaces or new lines. */
	public static class GrantForm {
		private String role;
		private String scopeKind;
		private String regionCode;
		private String gridId;
		private String unitId;
		private String customRegionCodes;

		public String getRole() { return role; }
		public void setRole(String role) { this.role = role; }
		public String getScopeKind() { return scopeKind; }
		public void setScopeKind(String scopeKind) { this.scopeKind = scopeKind; }
		public String getRegionCode() { return regionCode; }
		public void setRegionCode(String regionCode) { this.regionCode = regionCode; }
		public String getGridId() { return gridId; }
		public void setGridId(String gridId) { this.gridId = gridId; }
		public String getUnitId() { return unitId; }
		public void setUnitId(String unitId) { this.unitId = unitId; }
		public String getCustomRegionCodes() { return customRegionCodes; }
		public void setCustomRegionCodes(String customRegionCodes) { this.customRegionCodes = customRegionCodes; }
	}

	public static class PasswordForm {
		private String password;
		private String passwordConfirm;

		public String getPassword() { return password; }
		public void setPassword(String password) { this.password = password; }
		public String getPasswordConfirm() { return passwordConfirm; }
		public void setPasswordConfirm(String passwordConfirm) { this.passwordConfirm = passwordConfirm; }
	}

	private final AccountAdministration admin;
	private final GrantLabels labels;

	AccountPageController(AccountAdministration admin, GrantLabels labels) {
		this.admin = admin;
		this.labels = labels;
	}

	@GetMapping("/accounts")
	String list(@RequestParam(required = false) String username, @RequestParam(required = false) Role role,
			@RequestParam(required = false) Boolean locked, @RequestParam(required = false) String sort,
			@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size, Model model,
			HttpServletRequest request) {
		String name = username == null || username.isBlank() ? null : username.trim();
		SortOrder order = Sorting.model(model, AccountStore.SORT, sort);
		model.addAttribute("result", admin.list(new AccountStore.Criteria(name, role, locked), order,
				PageRequest.of(page, size)));
		model.addAttribute("username", name);
		model.addAttribute("role", role);
		model.addAttribute("locked", locked);
		model.addAttribute("roles", Role.values());
		return Htmx.view(request, "accounts/list", "results");
	}

	@GetMapping("/accounts/{id}")
	String show(@PathVariable long id, Model model) {
		AccountAdministration.Detail detail = admin.get(id);
		model.addAttribute("d", detail);
		model.addAttribute("labels", labels);
		return "accounts/show";
	}

	@GetMapping("/accounts/new")
	String newForm(@RequestParam(required = false) String personId, Model model) {
		admin.scope();
		AccountForm form = new AccountForm();
		form.setPersonId(personId);
		model.addAttribute("form", form);
		return "accounts/form";
	}

	@PostMapping("/accounts/new")
	String create(@ModelAttribute("form") AccountForm form, BindingResult binding, RedirectAttributes redirect) {
		admin.scope();
		List<FieldError> errors = new ArrayList<>();
		Long personId = id(form.getPersonId(), "personId", errors);
		if (form.getPassword() != null && !form.getPassword().equals(form.getPasswordConfirm())) {
			errors.add(new FieldError("passwordConfirm", "account.password.mismatch"));
		}
		if (errors.isEmpty()) {
			try {
				AccountRow created = admin.create(new NewAccount(form.getUsername(), personId, form.getPassword()));
				redirect.addFlashAttribute("flash", "account.flash.created");
				return "redirect:/accounts/" + created.id();
			}
			catch (InvalidInputException e) {
				errors.addAll(e.errors());
			}
		}
		// passwords are never sent back to the browser
		form.setPassword(null);
		form.setPasswordConfirm(null);
		reject(binding, errors);
		return "accounts/form";
	}

	@GetMapping("/accounts/{id}/grants/new")
	String grantForm(@PathVariable long id, Model model) {
		model.addAttribute("grantForm", new GrantForm());
		return grantPage(id, model);
	}

	@PostMapping("/accounts/{id}/grants")
	String addGrant(@PathVariable long id, @ModelAttribute("grantForm") GrantForm form, BindingResult binding, Model model,
			RedirectAttributes redirect) {
		List<FieldError> errors = new ArrayList<>();
		Long gridId = id(form.getGridId(), "gridId", errors);
		Long unitId = id(form.getUnitId(), "unitId", errors);
		if (errors.isEmpty()) {
			try {
				admin.addGrant(id, new GrantDraft(form.getRole(), form.getScopeKind(), form.getRegionCode(), gridId, unitId,
						codes(form.getCustomRegionCodes())));
				redirect.addFlashAttribute("flash", "account.flash.granted");
				return "redirect:/accounts/" + id;
			}
			catch (InvalidInputException e) {
				errors.addAll(e.errors());
			}
		}
		reject(binding, errors);
		return grantPage(id, model);
	}

	private String grantPage(long id, Model model) {
		AccountAdministration.Detail detail = admin.get(id);
		if (!detail.canEditGrants()) {
			throw new ForbiddenException(detail.self() ? "you cannot change your own grants"
					: "the grants of a system administrator's account cannot be changed");
		}
		model.addAttribute("d", detail);
		model.addAttribute("labels", labels);
		model.addAttribute("roles", admin.grantableRoles());
		model.addAttribute("kinds", admin.grantableKinds());
		return "accounts/grant";
	}

	@PostMapping("/accounts/{id}/grants/{grantId}/delete")
	String removeGrant(@PathVariable long id, @PathVariable long grantId, RedirectAttributes redirect) {
		admin.removeGrant(id, grantId);
		redirect.addFlashAttribute("flash", "account.flash.grantRemoved");
		return "redirect:/accounts/" + id;
	}

	@PostMapping("/accounts/{id}/unlock")
	String unlock(@PathVariable long id, RedirectAttributes redirect) {
		admin.unlock(id);
		redirect.addFlashAttribute("flash", "account.flash.unlocked");
		return "redirect:/accounts/" + id;
	}

	@PostMapping("/accounts/{id}/disable")
	String disable(@PathVariable long id, RedirectAttributes redirect) {
		admin.setEnabled(id, false);
		redirect.addFlashAttribute("flash", "account.flash.disabled");
		return "redirect:/accounts/" + id;
	}

	@PostMapping("/accounts/{id}/enable")
	String enable(@PathVariable long id, RedirectAttributes redirect) {
		admin.setEnabled(id, true);
		redirect.addFlashAttribute("flash", "account.flash.enabled");
		return "redirect:/accounts/" + id;
	}

	@GetMapping("/accounts/{id}/password")
	String passwordForm(@PathVariable long id, Model model) {
		model.addAttribute("passwordForm", new PasswordForm());
		return passwordPage(id, model);
	}

	@PostMapping("/accounts/{id}/password")
	String resetPassword(@PathVariable long id, @ModelAttribute("passwordForm") PasswordForm form, BindingResult binding,
			Model model, RedirectAttributes redirect) {
		List<FieldError> errors = new ArrayList<>();
		if (form.getPassword() != null && !form.getPassword().equals(form.getPasswordConfirm())) {
			errors.add(new FieldError("passwordConfirm", "account.password.mismatch"));
		}
		else {
			try {
				admin.resetPassword(id, form.getPassword());
				redirect.addFlashAttribute("flash", "account.flash.passwordReset");
				return "redirect:/accounts/" + id;
			}
			catch (InvalidInputException e) {
				errors.addAll(e.errors());
			}
		}
		form.setPassword(null);
		form.setPasswordConfirm(null);
		reject(binding, errors);
		return passwordPage(id, model);
	}

	private String passwordPage(long id, Model model) {
		AccountAdministration.Detail detail = admin.get(id);
		if (!detail.canManage()) {
			throw new ForbiddenException("the account is yours, a system administrator's, or holds grants beyond your scope");
		}
		model.addAttribute("d", detail);
		return "accounts/password";
	}

	/** A numeric id typed into a form: blank is null, anything else not a positive number is a field error. */
	private static Long id(String text, String field, List<FieldError> errors) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			long v = Long.parseLong(text.trim());
			if (v > 0) {
				return v;
			}
		}
		catch (NumberFormatException e) {
			// reported below
		}
		errors.add(new FieldError(field, "account.idFormat"));
		return null;
	}

	private static List<String> codes(String text) {
		if (text == null || text.isBlank()) {
			return List.of();
		}
		return Arrays.stream(text.split("[\\s,，、;；]+")).filter(s -> !s.isBlank()).toList();
	}

	private static void reject(BindingResult binding, List<FieldError> errors) {
		for (FieldError error : errors) {
			binding.rejectValue(error.field(), error.message(), error.message());
		}
	}
}
