package cn.grassroots.platform.profile;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import cn.grassroots.platform.ForbiddenException;
import cn.grassroots.platform.security.AccountStore.AccountRow;
import cn.grassroots.platform.security.ApiTokens;
import cn.grassroots.platform.security.GrantLabels;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The caller's own account over JSON: who am I, my password, my personal API tokens. */
@RestController
@RequestMapping("/api/v1/me")
@Tag(name = "me", description = "个人中心 — the caller's own account and personal API tokens")
class ProfileApiController {

	record MeBody(long id, String username, String displayName, Long personId, String homeRegionCode,
			Instant passwordChangedAt, List<GrantLabels.View> grants) {
	}

	record PasswordChangeRequest(String currentPassword, String newPassword) {
	}

	record TokenRequest(String name, Integer validityDays) {
	}

	record TokenBody(long id, String name, Instant createdAt, Instant expiresAt, Instant lastUsedAt, boolean revoked,
			boolean expired) {

		static TokenBody of(ApiTokens.TokenInfo t) {
			return new TokenBody(t.id(), t.name(), t.createdAt(), t.expiresAt(), t.lastUsedAt(), t.revoked(), t.expired());
		}
	}

	/** The one response that carries the token in clear; it cannot be read again. */
	record CreatedTokenBody(long id, String name, String token, Instant createdAt, Instant expiresAt) {
	}

	private final ProfileService profile;
	private final GrantLabels labels;
	private final MessageSource messages;

	ProfileApiController(ProfileService profile, GrantLabels labels, MessageSource messages) {
		this.profile = profile;
		this.labels = labels;
		this.messages = messages;
	}

	@GetMapping
	@Operation(summary = "The caller: username, name, person, grants with their names")
	MeBody me() {
		ProfileService.Me me = profile.me();
		AccountRow a = me.account();
		Locale locale = LocaleContextHolder.getLocale();
		return new MeBody(a.id(), a.username(), a.displayName(), a.personId(),
				a.homeRegionCode() == null ? null : Long.toString(a.homeRegionCode()), a.passwordChangedAt(),
				me.grants().stream().map(g -> labels.view(g, locale)).toList());
	}

	@PostMapping("/password")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Change the caller's password; the current one is required (not with a token)")
	void changePassword(@RequestBody PasswordChangeRequest body, HttpServletRequest request) {
		refuseTokens(request);
		profile.changePassword(body.currentPassword(), body.newPassword());
	}

	@GetMapping("/tokens")
	List<TokenBody> tokens() {
		return profile.tokens().stream().map(TokenBody::of).toList();
	}

	@PostMapping("/tokens")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "A new personal token, valid 1–366 days; shown in this response only (not with a token)")
	CreatedTokenBody createToken(@RequestBody TokenRequest body, HttpServletRequest request) {
		refuseTokens(request);
		ProfileService.CreatedToken created = profile.createToken(body.name(), body.validityDays());
		ApiTokens.TokenInfo t = created.info();
		return new CreatedTokenBody(t.id(), t.name(), created.token(), t.createdAt(), t.expiresAt());
	}

	@DeleteMapping("/tokens/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void revokeToken(@PathVariable long id) {
		profile.revokeToken(id);
	}

	/** A token may not mint further tokens or change the password: a stolen token must not outlive its expiry. */
	private void refuseTokens(HttpServletRequest request) {
		String header = request.getHeader("Authorization");
		if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
			throw new ForbiddenException(messages.getMessage("profile.token.bearerRefused", null,
					"not with a token", LocaleContextHolder.getLocale()));
		}
	}
}
