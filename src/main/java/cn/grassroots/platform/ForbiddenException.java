package cn.grassroots.platform;

import org.springframework.security.access.AccessDeniedException;

/** The caller is authenticated but the target lies outside the scope of their grants: 403. */
public class ForbiddenException extends AccessDeniedException {

	public ForbiddenException(String message) {
		super(message);
	}
}
