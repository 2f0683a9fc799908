package cn.grassroots.platform.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Collection;
import java.util.Locale;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.Part;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticMessageSource;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.i18n.FixedLocaleResolver;

/** Malformed or oversized multipart bodies are the caller's 400 or 413, answered before the dispatcher sees them. */
class MultipartGuardTest {

	private static MultipartGuard guard(boolean api) {
		StaticMessageSource messages = new StaticMessageSource();
		messages.addMessage("upload.malformed", Locale.SIMPLIFIED_CHINESE, "上传的内容无法解析");
		messages.addMessage("upload.tooLarge", Locale.SIMPLIFIED_CHINESE, "太大");
		messages.addMessage("error.400.title", Locale.SIMPLIFIED_CHINESE, "请求有误");
		return new MultipartGuard(api, messages, new FixedLocaleResolver(Locale.SIMPLIFIED_CHINESE));
	}

	/** A multipart request whose body cannot be parsed. */
	private static MockHttpServletRequest broken(String uri, Exception failure) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", uri) {
			@Override
			public Collection<Part> getParts() throws IOException, ServletException {
				if (failure instanceof IOException io) {
					throw io;
				}
				if (failure instanceof ServletException se) {
					throw se;
				}
				throw (RuntimeException) failure;
			}
		};
		request.setContentType("multipart/form-data");
		return request;
	}

	@Test
	void aMalformedApiUploadIsAProblem400() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();
		guard(true).doFilter(broken("/api/v1/people/imports", new IOException("Stream ended unexpectedly")), response, chain);
		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(response.getContentType()).startsWith("application/problem+json");
		assertThat(response.getContentAsString()).contains("上传的内容无法解析");
		assertThat(chain.getRequest()).isNull();
	}

	@Test
	void anOversizedPageUploadIs413WithAPlainPage() throws Exception {
		class FileSizeLimitExceededException extends IOException {
		}
		MockHttpServletResponse response = new MockHttpServletResponse();
		IllegalStateException tooLarge = new IllegalStateException(new FileSizeLimitExceededException());
		guard(false).doFilter(broken("/people/import", tooLarge), response, new MockFilterChain());
		assertThat(response.getStatus()).isEqualTo(413);
		assertThat(response.getContentAsString()).contains("太大", "<h1>请求有误</h1>");
	}

	@Test
	void wellFormedRequestsAndOtherPathsPassThrough() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/people/imports");
		request.setContentType("multipart/form-data");
		MockFilterChain chain = new MockFilterChain();
		guard(true).doFilter(request, new MockHttpServletResponse(), chain);
		assertThat(chain.getRequest()).isSameAs(request);

		// the page guard leaves API requests to the API guard, and the other way round
		MockFilterChain apiChain = new MockFilterChain();
		guard(false).doFilter(broken("/api/v1/people/imports", new IOException("x")), new MockHttpServletResponse(), apiChain);
		assertThat(apiChain.getRequest()).isNotNull();
		MockFilterChain pageChain = new MockFilterChain();
		guard(true).doFilter(broken("/people/import", new IOException("x")), new MockHttpServletResponse(), pageChain);
		assertThat(pageChain.getRequest()).isNotNull();
	}
}
