package cn.grassroots.platform.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.convert.ConversionFailedException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.ModelAndView;

import cn.grassroots.platform.ConflictException;
import cn.grassroots.platform.InvalidInputException;
import cn.grassroots.platform.NotFoundException;

/** Error pages for the server-rendered UI: forbidden, not found, bad request, conflict. */
@ControllerAdvice(annotations = Controller.class)
class PageErrorAdvice {

	private static final Logger log = LoggerFactory.getLogger(PageErrorAdvice.class);

	@ExceptionHandler(AccessDeniedException.class)
	@ResponseStatus(HttpStatus.FORBIDDEN)
	String forbidden() {
		return "error/403";
	}

	@ExceptionHandler(NotFoundException.class)
	@ResponseStatus(HttpStatus.NOT_FOUND)
	String notFound() {
		return "error/404";
	}

	/** Input that fails validation, or does not even convert (a parameter of the wrong type, a broken upload). */
	@ExceptionHandler({ InvalidInputException.class, IllegalArgumentException.class, TypeMismatchException.class,
			ConversionFailedException.class, MissingServletRequestParameterException.class,
			MissingServletRequestPartException.class, MultipartException.class, RequestRejectedException.class })
	@ResponseStatus(HttpStatus.BAD_REQUEST)
	String badRequest(Exception ex) {
		log.debug("bad request: {}", ex.getMessage());
		return "error/400";
	}

	@ExceptionHandler(ConflictException.class)
	@ResponseStatus(HttpStatus.CONFLICT)
	String conflict() {
		return "error/409";
	}

	/** As for the API: a value the database cannot hold is the request's fault (400), a clash with rows a 409. */
	@ExceptionHandler(DataIntegrityViolationException.class)
	ModelAndView integrity(DataIntegrityViolationException ex) {
		if (SqlStates.isDataException(ex)) {
			log.warn("the database refused a value that validation let through: {}", ex.getMostSpecificCause().getMessage());
			return new ModelAndView("error/400", HttpStatus.BAD_REQUEST);
		}
		log.info("integrity violation: {}", ex.getMostSpecificCause().getMessage());
		return new ModelAndView("error/409", HttpStatus.CONFLICT);
	}
}
