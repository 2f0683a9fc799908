package cn.grassroots.platform.web;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

import cn.grassroots.platform.InvalidInputException;
import cn.grassroots.platform.InvalidInputException.FieldError;

/**
 * NUL and the other C0 control characters (tab, line feed and carriage return aside) belong in no
 * text the platform takes: PostgreSQL refuses NUL outright, and the rest is noise no form can
 * type. Text that holds one is refused as a field error (400) before any handler runs, whether it
 * came as a path variable, a query or form parameter ({@link ParameterCheck}) or a JSON body
 * ({@link RequestBodyCheck}).
 */
final class ControlCharacters {

	static final String MESSAGE = "validation.controlCharacters";

	private ControlCharacters() {
	}

	static boolean present(CharSequence text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
				return true;
			}
		}
		return false;
	}

	/** Path variables and parameters, for every handler method (pages and API alike). */
	static final class ParameterCheck implements HandlerInterceptor {

		@Override
		public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
			if (!(handler instanceof HandlerMethod)) {
				return true;
			}
			List<FieldError> errors = new ArrayList<>();
			if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables) {
				variables.forEach((name, value) -> {
					if (value instanceof String s && present(s)) {
						errors.add(new FieldError(String.valueOf(name), MESSAGE));
					}
				});
			}
			// names with control characters are refused by the firewall as the map is read
			for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
				for (String value : parameter.getValue()) {
					if (value != null && present(value)) {
						errors.add(new FieldError(parameter.getKey(), MESSAGE));
						break;
					}
				}
			}
			if (!errors.isEmpty()) {
				throw new InvalidInputException(errors);
			}
			return true;
		}
	}

	/** The field errors for a request body as read: records, lists and maps, down to their text. */
	static List<FieldError> check(Object body) {
		List<FieldError> errors = new ArrayList<>();
		walk("", body, errors, 0);
		return errors;
	}

	private static void walk(String path, Object value, List<FieldError> errors, int depth) {
		if (value == null || depth > 16) {
			return;
		}
		if (value instanceof CharSequence text) {
			if (present(text)) {
				errors.add(new FieldError(path.isEmpty() ? "body" : path, MESSAGE));
			}
		}
		else if (value instanceof Collection<?> items) {
			int i = 0;
			for (Object item : items) {
				walk(path + "[" + i++ + "]", item, errors, depth + 1);
			}
		}
		else if (value instanceof Map<?, ?> map) {
			map.forEach((k, v) -> {
				String name = join(path, String.valueOf(k));
				if (k instanceof CharSequence key && present(key)) {
					errors.add(new FieldError(name, MESSAGE));
				}
				walk(name, v, errors, depth + 1);
			});
		}
		else if (value instanceof Object[] items) {
			for (int i = 0; i < items.length; i++) {
				walk(path + "[" + i + "]", items[i], errors, depth + 1);
			}
		}
		else if (value instanceof Record record) {
			for (RecordComponent component : record.getClass().getRecordComponents()) {
				try {
					var accessor = component.getAccessor();
					accessor.setAccessible(true);
					walk(join(path, component.getName()), accessor.invoke(record), errors, depth + 1);
				}
				catch (ReflectiveOperationException | RuntimeException e) {
					// not readable: nothing to check
				}
			}
		}
	}

	private static String join(String path, String name) {
		return path.isEmpty() ? name : path + "." + name;
	}
}
