package cn.grassroots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcBuilderCustomizer;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcPrint;
import org.springframework.boot.webmvc.test.autoconfigure.SpringBootMockMvcBuilderCustomizer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.DefaultMockMvcBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import com.jayway.jsonpath.JsonPath;

import cn.grassroots.platform.security.AccountPrincipal;
import cn.grassroots.platform.security.AccountStore;
import cn.grassroots.platform.security.AccountStore.AccountRow;
import cn.grassroots.platform.security.Grant;
import cn.grassroots.platform.security.Role;

/**
 * The API contract's last line: no request, however malformed, gets a 500. Reads the live OpenAPI
 * document and sends every operation under /api/v1 a battery of bad path variables, query
 * parameters, JSON bodies and uploads, as an account with the rights and as one without; every
 * answer must be below 500, and every 4xx a problem+json. Pages answer bad input with an error page.
 * All failures are collected and reported together.
 */
@IntegrationTest
class ApiRobustnessTests {

	private static final String LONG = "x".repeat(300);

	/** Values for a path variable: none of them names anything. */
	private static final List<String> PATH_VALUES = List.of("abc", "-1", "0", "99999999999999999999", "%00", "%01", LONG,
			"2301020010019", "1.5", "%FF%FE", "%E4%B8%AD", "1%20OR%201=1", "9223372036854775808");

	/** Raw JSON bodies that are not the request at all. */
	private static final List<String> RAW_BODIES = List.of("", " ", "{", "}", "[]", "null", "\"x\"", "123", "true",
			"{\"a\":", "{\"a\" 1}", "[".repeat(2000) + "]".repeat(2000), "{\"a\":\"\\uZZZZ\"}", "\u0000");

	@Autowired
	WebApplicationContext context;

	/** The application's MockMvc, but quiet: thousands of requests are not printed when the test fails. */
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AccountStore accounts;

	@Autowired
	PasswordEncoder encoder;

	private final List<String> failures = new ArrayList<>();
	private final AtomicInteger requests = new AtomicInteger();
	private final AtomicInteger sequence = new AtomicInteger();

	/** What the battery acts on: the test's own rows, in a village no other test uses. */
	private long village;
	/** Villages for new grids (each takes at most 99), round robin. */
	private List<Long> gridVillages;
	private long person;
	private long workerPerson;
	private long grid;
	private long assignment;
	private long unit;
	private long organisation;
	private long account;
	private long grant;
	private long meAccount;
	private long meOtherAccount;
	// measures module
	private long mechanism;

	private long meeting;

	private long visit;
	private long measure;
	private long measuresLeadUnit;
	private long measuresCoordinatingUnit;
	private String measuresCoordinator;
	private String measuresReporter;
	private byte[] template;
	private String passwordHash;
	// training module: a programme, one of its classrooms and a staff assignment there
	private long trainingProgramme;
	private long trainingClassroom;
	private long trainingAssignment;
	private long trainingReviewProgramme;
	private long trainingSession;
	private long trainingReviewClassroom;
	private long trainingEnrolment;
	private long trainingLeave;
	private long trainingQuestion;
	private long trainingTest;
	private long trainingSubmission;
	// surveys module: a questionnaire of the test's own for distribution and answering
	private long surveyQuestionnaire;
	private long trainingConfirmedEnrolment;
	/** hlj-admin's own person, enrolled (straight in the table) wherever a check-in, leave or mark needs a trainee. */
	private long trainingAdminPerson;
	// training module: lecturers, cases, sites, seminars, symposiums, supervision
	private long trainingLecturer;
	private long trainingCase;
	private long trainingSite;
	private long trainingSeminar;
	private long trainingSeminarGroup;
	private long trainingActionItem;
	private long trainingSymposium;
	private long trainingTeam;
	private long trainingVisit;
	private long trainingFinding;

	@BeforeEach
	void quietMockMvc() {
		DefaultMockMvcBuilder builder = MockMvcBuilders.webAppContextSetup(context);
		for (MockMvcBuilderCustomizer customizer : context.getBeansOfType(MockMvcBuilderCustomizer.class).values()) {
			if (customizer instanceof SpringBootMockMvcBuilderCustomizer) {
				SpringBootMockMvcBuilderCustomizer quiet = new SpringBootMockMvcBuilderCustomizer(context);
				quiet.setPrint(MockMvcPrint.NONE);
				quiet.customize(builder);
			}
			else {
				customizer.customize(builder);
			}
		}
		mvc = builder.build();
	}

	// ---------------------------------------------------------------- the API

	@Test
	void noMalformedApiRequestGetsAServerError() throws Exception {
		fixtures();
		@SuppressWarnings("unchecked")
		Map<String, Object> doc = (Map<String, Object>) JsonPath.parse(mvc.perform(get("/v3/api-docs").with(Api.as("hlj-admin")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8)).json();
		@SuppressWarnings("unchecked")
		Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) doc.get("paths");
		assertThat(paths.keySet()).as("the OpenAPI document lists the API").anyMatch(p -> p.startsWith("/api/v1/people"));
		int operations = 0;
		for (var path : paths.entrySet()) {
			if (!path.getKey().startsWith("/api/v1")) {
				continue;
			}
			for (String method : List.of("get", "post", "put", "delete", "patch")) {
				@SuppressWarnings("unchecked")
				Map<String, Object> op = (Map<String, Object>) path.getValue().get(method);
				if (op == null) {
					continue;
				}
				operations++;
				Operation o = new Operation(HttpMethod.valueOf(method.toUpperCase()), path.getKey(), op, doc);
				for (String actor : actors(o.path)) {
					battery(o, actor);
				}
				credentials(o);
			}
		}
		// beside the document: unknown paths and methods
		for (String uri : List.of("/api/v1", "/api/v1/", "/api/v1/nope", "/api/v1/people/1/nope", "/api/v2/people",
				"/api/v1/people/%00/x")) {
			send("GET", uri, "unknown path", "hlj-admin", request(HttpMethod.GET, URI.create(uri)).with(as("hlj-admin")));
		}
		for (String p : paths.keySet()) {
			if (p.startsWith("/api/v1")) {
				String uri = concrete(p);
				send("PATCH", uri, "method not allowed", "hlj-admin",
						request(HttpMethod.PATCH, URI.create(uri)).with(as("hlj-admin")));
			}
		}
		assertThat(operations).as("operations under /api/v1").isGreaterThan(30);
		System.out.println("ApiRobustnessTests: " + requests + " malformed requests over " + operations + " operations, "
				+ failures.size() + " failed");
		assertThat(failures).as(failures.size() + " of " + requests + " requests over " + operations
				+ " operations failed:\n" + String.join("\n", failures)).isEmpty();
	}

	private List<String> actors(String path) {
		// measures module ("/api/v1/mechanisms" and "/api/v1/measures" also start with "/api/v1/me")
		if (path.startsWith("/api/v1/measures/reports") || path.endsWith("/close-out")) {
			return List.of(measuresCoordinator, "hlj-grid");
		}
		if (path.endsWith("/{id}/reports") || path.startsWith("/api/v1/measures/notices")) {
			return List.of(measuresReporter, "hlj-grid");
		}
		if (path.startsWith("/api/v1/mechanisms") || path.startsWith("/api/v1/measures")
				|| path.startsWith("/api/v1/meetings") || path.startsWith("/api/v1/visits")) {
			return List.of("hlj-admin", "hlj-grid");
		}
		if (path.startsWith("/api/v1/me")) {
			return List.of("me:" + meAccount, "me:" + meOtherAccount);
		}
		if (path.startsWith("/api/v1/accounts")) {
			return List.of("sys-admin", "hlj-grid");
		}
		if (path.startsWith("/api/v1/audit")) {
			return List.of("auditor", "hlj-grid");
		}
		return List.of("hlj-admin", "hlj-grid");
	}

	private void battery(Operation o, String actor) throws Exception {
		// path variables, one at a time, the others naming the test's own rows
		for (String variable : o.pathVariables()) {
			for (String bad : PATH_VALUES) {
				String uri = o.uri(Map.of(variable, bad));
				send(o, actor, "path " + variable + "=" + bad, o.request(uri).with(as(actor)), o.baseBody());
			}
		}
		// query parameters, one at a time
		for (var param : o.queryParameters().entrySet()) {
			for (String bad : queryValues(param.getKey(), param.getValue())) {
				String uri = o.uri(Map.of()) + "?" + param.getKey() + "=" + bad;
				send(o, actor, "query " + param.getKey() + "=" + abbreviate(bad), o.request(uri).with(as(actor)), o.baseBody());
			}
		}
		if (o.queryParameters().containsKey("page")) {
			for (String q : List.of("page=1&page=x", "page=2147483647&size=100", "page=-2147483648", "size=101&page=0",
					"page=&size=", "page=1e3", "size=%00")) {
				send(o, actor, "query " + q, o.request(o.uri(Map.of()) + "?" + q).with(as(actor)), null);
			}
		}
		for (String accept : List.of("garbage///", "application/xml", "text/html;q=abc")) {
			send(o, actor, "accept " + accept, o.request(o.uri(Map.of("id", "abc", "code", "abc"))).with(as(actor))
				.header(HttpHeaders.ACCEPT, accept), o.baseBody());
		}
		if (!actor.equals("hlj-grid")) {
			headers(o, actor);
		}
		if (o.jsonBody != null) {
			jsonBodies(o, actor);
		}
		if (o.multipart) {
			uploads(o, actor);
		}
		if (o.pathVariables().isEmpty() && o.queryParameters().isEmpty() && o.jsonBody == null && !o.multipart) {
			// nothing to spoil but the request itself: an unknown parameter and a stray body
			send(o, actor, "stray parameter and body", o.request(o.uri(Map.of()) + "?x=%00&page=abc").with(as(actor))
				.contentType(MediaType.APPLICATION_JSON).content("{"), null);
		}
	}

	/** Headers and parameter names with control characters, which the firewall refuses only when they are read. */
	private void headers(Operation o, String actor) throws Exception {
		String uri = o.uri(Map.of());
		List<String[]> headers = List.of(new String[] { "Accept", "application/json\u0000" },
				new String[] { "Content-Type", "application/json\u0000" }, new String[] { "HX-Request", "true\u0000" },
				new String[] { "X-Forwarded-For", "\u0000" }, new String[] { "Accept-Language", "zh\u0000" },
				new String[] { "Cookie", "grassroots-lang=%00" }, new String[] { "Content-Length", "abc" },
				new String[] { "If-Modified-Since", "yesterday" }, new String[] { "Range", "bytes=abc" });
		for (String[] header : headers) {
			MockHttpServletRequestBuilder r = o.request(uri).with(as(actor));
			Map<String, String> body = o.baseBody();
			if (body != null) {
				r.content(json(body));
			}
			send(o, actor, "header " + header[0] + ": " + abbreviate(header[1]), r.header(header[0], header[1]), null);
		}
		for (String query : List.of("%00=1", "a%00b=1", "%01=%01", "=1", "&&&", "page")) {
			send(o, actor, "query " + query, o.request(uri + "?" + query).with(as(actor)), o.baseBody());
		}
	}

	private void jsonBodies(Operation o, String actor) throws Exception {
		String uri = o.uri(Map.of());
		for (String raw : RAW_BODIES) {
			send(o, actor, "body " + abbreviate(raw), o.request(uri).with(as(actor)).contentType(MediaType.APPLICATION_JSON)
				.content(raw), null);
		}
		send(o, actor, "no body", o.request(uri).with(as(actor)).contentType(MediaType.APPLICATION_JSON), null);
		send(o, actor, "no body, no content type", o.request(uri).with(as(actor)), null);
		send(o, actor, "invalid UTF-8", o.request(uri).with(as(actor)).contentType(MediaType.APPLICATION_JSON)
			.content(new byte[] { '{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xFF, (byte) 0xFE, (byte) 0xC3, '"', '}' }), null);
		String base = json(o.baseBody());
		for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data",
				"application/json;charset=bogus", "application/json;charset=UTF-16", "foo", "application/*", "")) {
			MockHttpServletRequestBuilder r = o.request(uri).with(as(actor)).content(base);
			r.header(HttpHeaders.CONTENT_TYPE, type);
			send(o, actor, "content type " + type, r, null);
		}
		for (String accept : List.of("application/xml", "text/html", "garbage///", "image/png")) {
			send(o, actor, "accept " + accept, o.request(uri).with(as(actor)).contentType(MediaType.APPLICATION_JSON)
				.header(HttpHeaders.ACCEPT, accept).content("{"), null);
		}
		// the control: the base body alone is accepted, so that in what follows the bad field is all that is wrong
		boolean rights = actor.equals(actors(o.path).get(0));
		if (rights && !o.jsonBody.isEmpty()) {
			String target = o.freshUri();
			MvcResult control = send(o, actor, "the valid base body", o.request(target).with(as(actor))
				.contentType(MediaType.APPLICATION_JSON).content(json(o.baseBody(true))), null);
			if (control != null && control.getResponse().getStatus() >= 300) {
				failures.add(line(o.method.name(), target, "the valid base body " + json(o.baseBody(false)), actor,
						control.getResponse().getStatus() + " " + control.getResponse().getContentAsString(StandardCharsets.UTF_8)));
			}
		}
		// every field of the schema: wrong types, odd values, over-long text, unknown enum values
		for (var field : o.jsonBody.entrySet()) {
			for (String bad : fieldValues(field.getValue())) {
				// fresh rows only where the request could get through (for the account without rights it cannot)
				Map<String, String> body = o.baseBody(rights);
				body.put(field.getKey(), bad);
				String target = rights ? o.freshUri() : uri;
				send(o, actor, "field " + field.getKey() + "=" + abbreviate(bad),
						o.request(target).with(as(actor)).contentType(MediaType.APPLICATION_JSON).content(json(body)), null);
			}
		}
		Map<String, String> unknown = o.baseBody();
		unknown.put("unknownField", "{\"nested\":[1,2,3]}");
		send(o, actor, "unknown field", o.request(rights ? o.freshUri() : uri).with(as(actor)).contentType(MediaType.APPLICATION_JSON)
			.content(json(unknown)), null);
		StringBuilder duplicate = new StringBuilder("{");
		o.jsonBody.keySet().forEach(k -> duplicate.append('"').append(k).append("\":null,\"").append(k).append("\":{},"));
		duplicate.append("\"z\":1}");
		send(o, actor, "duplicate keys", o.request(uri).with(as(actor)).contentType(MediaType.APPLICATION_JSON)
			.content(duplicate.toString()), null);
	}

	private void uploads(Operation o, String actor) throws Exception {
		String uri = o.uri(Map.of());
		MockMultipartFile valid = new MockMultipartFile("file", "roster.xlsx",
				"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", template);
		send(o, actor, "multipart without parts", multipart(HttpMethod.POST, URI.create(uri)).with(as(actor)), null);
		send(o, actor, "multipart with a text field instead of the file",
				multipart(HttpMethod.POST, URI.create(uri)).param("file", "abc").with(as(actor)), null);
		send(o, actor, "file under another name", multipart(HttpMethod.POST, URI.create(uri))
			.file(new MockMultipartFile("upload", "roster.xlsx", null, template)).with(as(actor)), null);
		send(o, actor, "empty file", multipart(HttpMethod.POST, URI.create(uri))
			.file(new MockMultipartFile("file", "roster.xlsx", null, new byte[0])).with(as(actor)), null);
		send(o, actor, "text file named .xlsx", multipart(HttpMethod.POST, URI.create(uri))
			.file(new MockMultipartFile("file", "roster.xlsx", "text/plain", "姓名,身份证号\n张三,1".getBytes(StandardCharsets.UTF_8)))
			.with(as(actor)), null);
		send(o, actor, "zip that is no workbook", multipart(HttpMethod.POST, URI.create(uri))
			.file(new MockMultipartFile("file", "roster.xlsx", null, new byte[] { 'P', 'K', 3, 4, 0, 0, 0, 0, 1, 2, 3 }))
			.with(as(actor)), null);
		send(o, actor, "truncated workbook", multipart(HttpMethod.POST, URI.create(uri))
			.file(new MockMultipartFile("file", "roster.xlsx", null, java.util.Arrays.copyOf(template, template.length / 2)))
			.with(as(actor)), null);
		send(o, actor, "workbook as text/plain named .txt", multipart(HttpMethod.POST, URI.create(uri))
			.file(new MockMultipartFile("file", "roster.txt", "text/plain", template)).with(as(actor)), null);
		for (String name : List.of(LONG + ".xlsx", "a\u0000b.xlsx", "../../etc/passwd.xlsx", ".xlsx", "  ", "名单\uD800.xlsx",
				"x".repeat(5000) + ".xlsx")) {
			send(o, actor, "workbook named " + abbreviate(name), multipart(HttpMethod.POST, URI.create(uri))
				.file(new MockMultipartFile("file", name, null, template)).with(as(actor)), null);
		}
		send(o, actor, "workbook without a file name", multipart(HttpMethod.POST, URI.create(uri))
			.file(new MockMultipartFile("file", null, null, template)).with(as(actor)), null);
		send(o, actor, "JSON instead of multipart", o.request(uri).with(as(actor)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"file\":\"x\"}"), null);
		send(o, actor, "bytes instead of multipart", o.request(uri).with(as(actor))
			.contentType(MediaType.APPLICATION_OCTET_STREAM).content(template), null);
		send(o, actor, "multipart without boundary", o.request(uri).with(as(actor)).contentType("multipart/form-data")
			.content("--x\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nabc\r\n--x--"), null);
		send(o, actor, "form instead of multipart", o.request(uri).with(as(actor))
			.contentType(MediaType.APPLICATION_FORM_URLENCODED).content("file=abc"), null);
		send(o, actor, "valid workbook with query garbage", multipart(HttpMethod.POST, URI.create(uri + "?file=%00&page=-1"))
			.file(valid).with(as(actor)), null);
	}

	/** No or bad credentials: 401 problem+json, whatever else is wrong. */
	private void credentials(Operation o) throws Exception {
		if (o.path.startsWith("/api/v1/certificates/")) {
			return; // training module: certificate verification is public by design
		}
		if (o.path.startsWith("/api/v1/answer/")) {
			return; // surveys module: respondents answer without an account, the link's token is the credential
		}
		String uri = o.uri(Map.of());
		List<String> headers = List.of("", "Basic", "Basic !!!", "Basic " + b64("no-such-user"),
				"Basic " + b64("no-such-user:wrong"), "Basic " + b64(":"), "Bearer", "Bearer ", "Bearer gr_abc_x",
				"Bearer gr_99999999999999999999_x", "Bearer gr__", "Bearer " + LONG, "Digest x", "Bearer gr_-1_x");
		for (String header : headers) {
			MockHttpServletRequestBuilder r = o.request(uri);
			if (!header.isEmpty()) {
				r.header(HttpHeaders.AUTHORIZATION, header);
			}
			MvcResult result = send(o, "anonymous", "Authorization: " + abbreviate(header), r, o.baseBody());
			if (result != null && result.getResponse().getStatus() != 401) {
				failures.add(line(o.method.name(), uri, "Authorization: " + abbreviate(header), "anonymous",
						result.getResponse().getStatus() + " (expected 401)"));
			}
		}
	}

	private static String b64(String s) {
		return java.util.Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
	}

	private List<String> queryValues(String name, Map<String, Object> schema) {
		List<String> values = new ArrayList<>(List.of("abc", "-1", "0", "99999999999999999999", "%00", "a%00b", "a%01b", LONG,
				"2301020010019",
				"%FF%FE", "1.5", "true", "%25%5F%5C", "%27%3B--", "2026-13-45", "%20", "9223372036854775807"));
		if (schema.containsKey("enum")) {
			values.addAll(List.of("NOPE", "grid_worker", "%E7%BD%91%E6%A0%BC"));
		}
		if ("page".equals(name) || "size".equals(name)) {
			values.addAll(List.of("101", "2147483647", "2147483648", "-2147483648"));
		}
		return values;
	}

	/** Bad values for one field, as JSON literals, by the field's schema type. */
	private List<String> fieldValues(Map<String, Object> schema) {
		List<String> values = new ArrayList<>(List.of("{}", "[]", "{\"a\":1}", "[[[]]]"));
		String type = String.valueOf(schema.get("type"));
		String format = String.valueOf(schema.get("format"));
		if (schema.containsKey("enum")) {
			values.addAll(List.of("\"NOPE\"", "\"\"", "1", "\"grid_worker\"", str(LONG), "true"));
		}
		else if ("string".equals(type) && "date".equals(format)) {
			values.addAll(List.of("\"bad\"", "\"2024-02-30\"", "\"\"", "20240101", "\"+999999999-12-31\"",
					"\"-999999999-01-01\"", "\"0000-01-01\"", "\"9999-12-31\"", "\"1000-01-01\"", "\"2024-01-01T00:00:00Z\"",
					str(LONG), "true", "1.5"));
		}
		else if ("string".equals(type)) {
			values.addAll(List.of(str(LONG), str("名".repeat(300)), str("x".repeat(5000)), str("a\u0000b"), str("\u0000"),
					"\"\\ud800\"", "\"\"", "\" \"", "\"abc\"", "\"-1\"", "\"0\"", "\"2301020010019\"",
					"\"99999999999999999999\"", "\"230102001001\\u0000\"", "123", "true", "1e400", str("<script>x</script>")));
		}
		else if ("integer".equals(type)) {
			values.addAll(List.of("\"abc\"", "1.5", "2147483648", "-2147483649", "99999999999999999999", "-1", "0",
					"2147483647", "-2147483648", "9223372036854775807", "-9223372036854775808", "1e30", "true", "\"\"",
					"\"1\"", "\"%00\""));
		}
		else if ("number".equals(type)) {
			values.addAll(List.of("\"abc\"", "1e400", "-1", "NaN", "true"));
		}
		else if ("boolean".equals(type)) {
			values.addAll(List.of("\"maybe\"", "2", "\"\"", "\"true\"", "0"));
		}
		else if ("array".equals(type)) {
			values.addAll(List.of("\"x\"", "1", "[1,{}]", "[null]", "[" + str(LONG) + "]", "[\"\\u0000\"]",
					"[" + IntStream.range(0, 2000).mapToObj(i -> "\"23\"").collect(Collectors.joining(",")) + "]",
					"[\"abc\",\"-1\",\"99999999999999999999\"]"));
		}
		values.add("null");
		return values;
	}

	// ---------------------------------------------------------------- pages

	@Test
	void badInputOnPagesIsAnErrorPageNeverAServerError() throws Exception {
		fixtures();
		record Page(String uri, String actor) {
		}
		List<Page> pages = new ArrayList<>(List.of(new Page("/people/abc", "hlj-admin"), new Page("/grids/abc", "hlj-admin"),
				new Page("/units/-1", "hlj-admin"), new Page("/regions/abc", "hlj-admin"),
				new Page("/people?region=abc&page=-1", "hlj-admin"), new Page("/audit?from=bad", "auditor"),
				new Page("/jobs/abc", "hlj-admin"), new Page("/accounts/abc", "sys-admin"),
				new Page("/people/99999999999999999999", "hlj-admin"), new Page("/people/%00", "hlj-admin"),
				new Page("/people?size=101", "hlj-admin"), new Page("/people?page=2147483647&size=100", "hlj-admin"),
				new Page("/people?name=" + LONG, "hlj-admin"), new Page("/people?name=a%00b", "hlj-admin"),
				new Page("/people?post=NOPE", "hlj-admin"), new Page("/people?unit=abc", "hlj-admin"),
				new Page("/people?grid=99999999999999999999", "hlj-admin"), new Page("/grids?kind=NOPE", "hlj-admin"),
				new Page("/grids?region=2301020010019", "hlj-admin"), new Page("/grids?page=abc", "hlj-admin"),
				new Page("/grids/" + grid + "/versions?x=1", "hlj-admin"), new Page("/units?kind=NOPE", "hlj-admin"),
				new Page("/units?parent=abc", "hlj-admin"), new Page("/party-organisations/abc", "hlj-admin"),
				new Page("/party-organisations?unit=-1&kind=x", "hlj-admin"), new Page("/regions/2301020010019", "hlj-admin"),
				new Page("/regions/" + LONG, "hlj-admin"), new Page("/regions?q=" + LONG, "hlj-admin"),
				new Page("/regions?within=abc&q=a", "hlj-admin"), new Page("/audit?to=2026-13-45", "auditor"),
				new Page("/audit?page=-1", "auditor"), new Page("/audit?actor=" + LONG, "auditor"),
				new Page("/audit?action=a%00b", "auditor"), new Page("/jobs/99999999999999999999", "hlj-admin"),
				new Page("/jobs/abc/row", "hlj-admin"), new Page("/jobs?size=0", "hlj-admin"),
				new Page("/accounts/-1", "sys-admin"), new Page("/accounts?role=NOPE", "sys-admin"),
				new Page("/accounts?locked=maybe", "sys-admin"), new Page("/accounts?username=" + LONG, "sys-admin"),
				new Page("/accounts/abc/grants/new", "sys-admin"), new Page("/accounts/abc/password", "sys-admin"),
				new Page("/files/%00", "hlj-admin"), new Page("/files/" + LONG, "hlj-admin"),
				new Page("/people/imports/abc", "hlj-admin"), new Page("/people/abc/edit", "hlj-admin"),
				new Page("/grids/abc/redraw", "hlj-admin"), new Page("/grids/new?parent=abc", "hlj-admin"),
				new Page("/people/new?region=abc", "hlj-admin"), new Page("/accounts/new?personId=abc", "sys-admin"),
				new Page("/people/%01", "hlj-admin"), new Page("/people?name=a%01b", "hlj-admin"),
				new Page("/people?%00=1", "hlj-admin"), new Page("/grids?q=a%00b", "hlj-admin"),
				new Page("/units?q=a%00b", "hlj-admin"), new Page("/regions?q=a%00b", "hlj-admin")));
		List<String[]> headers = new ArrayList<>();
		pages.forEach(p -> headers.add(new String[0]));
		for (String[] header : List.of(new String[] { "HX-Request", "true\u0000" }, new String[] { "Accept", "text/html\u0000" },
				new String[] { "Accept-Language", "\u0000" }, new String[] { "Cookie", "grassroots-lang=%00" })) {
			pages.add(new Page("/people?name=x", "hlj-admin"));
			headers.add(header);
		}
		for (int i = 0; i < pages.size(); i++) {
			Page page = pages.get(i);
			MvcResult result;
			try {
				MockHttpServletRequestBuilder r = request(HttpMethod.GET, URI.create(page.uri())).with(as(page.actor()))
					.accept(MediaType.TEXT_HTML);
				if (headers.get(i).length == 2) {
					r.header(headers.get(i)[0], headers.get(i)[1]);
				}
				result = followErrorDispatch(mvc.perform(r).andReturn());
			}
			catch (Exception e) {
				failures.add(line("GET", page.uri(), "", page.actor(), "threw " + rootCause(e)));
				continue;
			}
			int status = result.getResponse().getStatus();
			String type = String.valueOf(result.getResponse().getContentType());
			String body = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
			Throwable sql = sqlCause(result.getResolvedException());
			if (sql != null) {
				failures.add(line("GET", page.uri(), "", page.actor(), status + " from the database: " + rootCause(sql)));
			}
			else if (status >= 500) {
				failures.add(line("GET", page.uri(), "", page.actor(), String.valueOf(status)));
			}
			else if (status >= 400 && (!type.startsWith("text/html") || !body.contains("error-4"))) {
				failures.add(line("GET", page.uri(), "", page.actor(), status + " without the HTML error page (" + type + ")"));
			}
		}
		// the brief's own list must be errors, not pages that happen to work
		for (Page page : pages.subList(0, 8)) {
			int status = mvc.perform(request(HttpMethod.GET, URI.create(page.uri())).with(as(page.actor()))).andReturn()
				.getResponse().getStatus();
			if (status < 400) {
				failures.add(line("GET", page.uri(), "", page.actor(), status + " (expected 4xx)"));
			}
		}
		assertThat(failures).as(failures.size() + " pages failed:\n" + String.join("\n", failures)).isEmpty();
	}

	// ---------------------------------------------------------------- sending and checking

	private MvcResult send(Operation o, String actor, String input, AbstractMockHttpServletRequestBuilder<?> r, Map<String, String> body)
			throws Exception {
		if (body != null && o.jsonBody != null) {
			r.contentType(MediaType.APPLICATION_JSON).content(json(body));
		}
		return send(o.method.name(), o.path, input, actor, r);
	}

	private MvcResult send(String method, String path, String input, String actor, AbstractMockHttpServletRequestBuilder<?> r) {
		requests.incrementAndGet();
		MvcResult result;
		try {
			result = followErrorDispatch(mvc.perform(r).andReturn());
		}
		catch (Exception e) {
			failures.add(line(method, path, input, actor, "threw " + rootCause(e)));
			return null;
		}
		int status = result.getResponse().getStatus();
		String type = result.getResponse().getContentType();
		Throwable sql = sqlCause(result.getResolvedException());
		if (sql != null) {
			// bad input must be refused before SQL runs, not by the database (whatever status that became)
			failures.add(line(method, path, input, actor, status + " from the database: " + rootCause(sql)));
		}
		else if (status >= 500) {
			Exception resolved = result.getResolvedException();
			failures.add(line(method, path, input, actor, status + (resolved == null ? "" : " " + rootCause(resolved))));
		}
		else if (status >= 400 && (type == null || !MediaType.parseMediaType(type).isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))) {
			failures.add(line(method, path, input, actor, status + " as " + type + " instead of application/problem+json"));
		}
		return result;
	}

	/**
	 * What the servlet container does and MockMvc does not: a response ended with {@code sendError}
	 * (by the firewall, or for a path no handler serves) is answered by the error controller.
	 */
	private MvcResult followErrorDispatch(MvcResult result) throws Exception {
		MockHttpServletResponse response = result.getResponse();
		if (response.getStatus() < 400 || !response.isCommitted() || response.getContentAsByteArray().length > 0) {
			return result;
		}
		MockHttpServletRequest original = result.getRequest();
		MockHttpServletRequestBuilder error = get("/error")
			.requestAttr(RequestDispatcher.ERROR_STATUS_CODE, response.getStatus())
			.requestAttr(RequestDispatcher.ERROR_REQUEST_URI, original.getRequestURI())
			.requestAttr(RequestDispatcher.ERROR_SERVLET_NAME, "dispatcherServlet")
			.with(request -> {
				request.setDispatcherType(DispatcherType.ERROR);
				return request;
			});
		if (response.getErrorMessage() != null) {
			error.requestAttr(RequestDispatcher.ERROR_MESSAGE, response.getErrorMessage());
		}
		if (original.getHeader(HttpHeaders.ACCEPT) != null) {
			error.header(HttpHeaders.ACCEPT, original.getHeader(HttpHeaders.ACCEPT));
		}
		return mvc.perform(error).andReturn();
	}

	private static String line(String method, String path, String input, String actor, String outcome) {
		return "  " + method + " " + path + " [" + input + "] as " + actor + " -> " + outcome;
	}

	/** The database error behind an exception, if any. */
	private static Throwable sqlCause(Throwable e) {
		for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (t instanceof org.springframework.dao.DataAccessException || t instanceof java.sql.SQLException) {
				return t;
			}
		}
		return null;
	}

	private static String rootCause(Throwable e) {
		Throwable t = e;
		while (t.getCause() != null && t.getCause() != t) {
			t = t.getCause();
		}
		return t.getClass().getSimpleName() + ": " + abbreviate(String.valueOf(t.getMessage()));
	}

	private static String abbreviate(String s) {
		String shown = s.replace("\u0000", "\\0");
		return shown.length() > 60 ? shown.substring(0, 40) + "…(" + shown.length() + " chars)" : shown;
	}

	private RequestPostProcessor as(String actor) {
		AccountRow a = actor.startsWith("me:") ? accounts.findById(Long.parseLong(actor.substring(3))).orElseThrow()
				: accounts.findByUsername(actor).orElseThrow();
		AccountPrincipal p = new AccountPrincipal(a.id(), a.username(), null, a.displayName(), a.personId(), true, null);
		return authentication(UsernamePasswordAuthenticationToken.authenticated(p, null, p.getAuthorities()));
	}

	// ---------------------------------------------------------------- JSON by hand (values are JSON literals)

	private static String json(Map<String, String> body) {
		return body.entrySet().stream().map(e -> str(e.getKey()) + ":" + e.getValue()).collect(Collectors.joining(",", "{", "}"));
	}

	private static String str(String s) {
		StringBuilder b = new StringBuilder("\"");
		for (char c : s.toCharArray()) {
			switch (c) {
				case '"' -> b.append("\\\"");
				case '\\' -> b.append("\\\\");
				default -> {
					if (c < 0x20) {
						b.append(String.format("\\u%04x", (int) c));
					}
					else {
						b.append(c);
					}
				}
			}
		}
		return b.append('"').toString();
	}

	// ---------------------------------------------------------------- the operations, from the OpenAPI document

	private final class Operation {

		final HttpMethod method;
		final String path;
		final Map<String, Object> op;
		final Map<String, Object> doc;
		final Map<String, Map<String, Object>> jsonBody;
		final String bodySchema;
		final boolean multipart;

		@SuppressWarnings("unchecked")
		Operation(HttpMethod method, String path, Map<String, Object> op, Map<String, Object> doc) {
			this.method = method;
			this.path = path;
			this.op = op;
			this.doc = doc;
			Map<String, Object> body = (Map<String, Object>) op.get("requestBody");
			Map<String, Object> content = body == null ? Map.of() : (Map<String, Object>) body.get("content");
			// springdoc documents a @RequestParam MultipartFile as a JSON object with a binary property
			boolean binary = content.values().stream()
				.map(c -> resolve((Map<String, Object>) ((Map<String, Object>) c).getOrDefault("schema", Map.of())))
				.map(schema -> (Map<String, Object>) schema.getOrDefault("properties", Map.of()))
				.flatMap(props -> props.values().stream())
				.anyMatch(prop -> "binary".equals(((Map<String, Object>) prop).get("format")));
			this.multipart = content.containsKey("multipart/form-data") || binary;
			if (content.containsKey("application/json") && !binary) {
				Map<String, Object> schema = (Map<String, Object>) ((Map<String, Object>) content.get("application/json")).get("schema");
				this.bodySchema = schema.containsKey("$ref") ? String.valueOf(schema.get("$ref")).replaceAll(".*/", "") : "?";
				Map<String, Object> resolved = resolve(schema);
				Map<String, Map<String, Object>> fields = new LinkedHashMap<>();
				Map<String, Object> props = (Map<String, Object>) resolved.getOrDefault("properties", Map.of());
				props.forEach((k, v) -> fields.put(k, resolve((Map<String, Object>) v)));
				this.jsonBody = fields;
			}
			else {
				this.bodySchema = null;
				this.jsonBody = null;
			}
		}

		@SuppressWarnings("unchecked")
		Map<String, Object> resolve(Map<String, Object> schema) {
			Object ref = schema.get("$ref");
			if (ref == null) {
				return schema;
			}
			String name = String.valueOf(ref).replaceAll(".*/", "");
			Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) doc.get("components")).get("schemas");
			return (Map<String, Object>) schemas.get(name);
		}

		@SuppressWarnings("unchecked")
		private List<Map<String, Object>> parameters() {
			return (List<Map<String, Object>>) op.getOrDefault("parameters", List.of());
		}

		List<String> pathVariables() {
			return parameters().stream().filter(p -> "path".equals(p.get("in"))).map(p -> String.valueOf(p.get("name"))).toList();
		}

		@SuppressWarnings("unchecked")
		Map<String, Map<String, Object>> queryParameters() {
			Map<String, Map<String, Object>> q = new LinkedHashMap<>();
			parameters().stream().filter(p -> "query".equals(p.get("in")))
				.forEach(p -> q.put(String.valueOf(p.get("name")), resolve((Map<String, Object>) p.get("schema"))));
			return q;
		}

		/** The path with the given variables and the test's own rows for the others. */
		String uri(Map<String, String> values) {
			if (values.isEmpty() && changesSharedUnits()) {
				try {
					return freshUri();
				}
				catch (Exception e) {
					throw new IllegalStateException(e);
				}
			}
			String uri = path;
			for (String variable : pathVariables()) {
				uri = uri.replace("{" + variable + "}", values.getOrDefault(variable, real(path, variable)));
			}
			return uri;
		}

		/**
		 * Changing a mechanism or a measure may change its lead and coordinating units, and with them
		 * who may report and review on the shared fixture: every request of such an operation (any
		 * battery may carry the valid base body) goes to a fresh row.
		 */
		boolean changesSharedUnits() {
			return method == HttpMethod.PUT && (path.equals("/api/v1/mechanisms/{id}") || path.equals("/api/v1/measures/{id}"));
		}

		/**
		 * As {@link #uri}, but a fresh row where the operation uses one up (retiring, ending, redrawing,
		 * granting), and the caller's own account as it was (password, tokens) for /me.
		 */
		String freshUri() throws Exception {
			if (path.endsWith("/retire") || path.endsWith("/redraw")) {
				return uri(Map.of("id", Long.toString(newGrid())));
			}
			if (path.endsWith("/accounts/{id}/grants")) {
				long fresh = accounts.create("robust-" + UUID.randomUUID().toString().substring(0, 8), passwordHash, "健壮性账号",
						person, village, false);
				return uri(Map.of("id", Long.toString(fresh)));
			}
			if (path.startsWith("/api/v1/me")) {
				for (long me : List.of(meAccount, meOtherAccount)) {
					accounts.updatePassword(me, passwordHash);
					jdbc.sql("UPDATE api_token SET revoked = TRUE WHERE account_id = :a").param("a", me).update();
				}
			}
			// surveys module: distribution on the test's questionnaire, answering with fresh links
			if (path.equals("/api/v1/surveys/{id}/distributions")) {
				return uri(Map.of("id", Long.toString(surveyQuestionnaire)));
			}
			if (path.equals("/api/v1/surveys/{id}/distributions/{distributionId}/links")) {
				return uri(Map.of("id", Long.toString(surveyQuestionnaire), "distributionId",
						Long.toString(id(newDistribution("TOKENS")))));
			}
			if (path.equals("/api/v1/surveys/{id}/distributions/{distributionId}/reminders")) {
				// a reminder round needs a link not answered yet: a fresh distribution with one
				long d = id(newDistribution("TOKENS"));
				post("/api/v1/surveys/" + surveyQuestionnaire + "/distributions/" + d + "/links", "{\"source\":\"COUNT\"}");
				return uri(Map.of("id", Long.toString(surveyQuestionnaire), "distributionId", Long.toString(d)));
			}
			if (path.equals("/api/v1/answer/{token}") || path.equals("/api/v1/answer/{token}/draft")) {
				return uri(Map.of("token", newAnswerToken()));
			}
			if (path.equals("/api/v1/answer/open/{key}/sessions")) {
				String link = JsonPath.read(newDistribution("OPEN"), "$.openLink");
				return uri(Map.of("key", link.substring(link.lastIndexOf('/') + 1)));
			}
			if (changesSharedUnits()) {
				return uri(Map.of("id", Long.toString(path.startsWith("/api/v1/mechanisms") ? newMechanism() : newMeasure())));
			}
			if (path.equals("/api/v1/measures/{id}/notices")) {
				return uri(Map.of("id", Long.toString(newMeasure())));
			}
			if (path.equals("/api/v1/measures/notices/{id}/response")) {
				String notice = post("/api/v1/measures/" + newMeasure() + "/notices", "{\"colour\":\"RED\",\"reason\":\"健壮性\"}");
				return uri(Map.of("id", Long.toString(id(notice))));
			}
			if (path.equals("/api/v1/meetings/{id}/minutes")) {
				return uri(Map.of("id", Long.toString(newMeeting())));
			}
			if (path.equals("/api/v1/measures/reports/{id}/review")) {
				return uri(Map.of("id", Long.toString(newMeasureReport())));
			}
			// training module: seminars, evaluation, cases, supervision (before the general session rule)
			if (path.endsWith("/sessions/{id}/evaluation")) {
				return uri(Map.of("id", Long.toString(attendedTrainingSession())));
			}
			if (path.endsWith("/cases/{id}/secretary")) {
				return uri(Map.of("id", Long.toString(newTrainingCase())));
			}
			if (path.endsWith("/seminar-groups/{id}/members")) {
				return uri(Map.of("id", Long.toString(newTrainingSeminarGroup(newTrainingSeminar(), false))));
			}
			if (path.endsWith("/seminar-groups/{id}/adopt")) {
				long group = newTrainingSeminarGroup(newTrainingSeminar(), true);
				newTrainingActionItem(group);
				return uri(Map.of("id", Long.toString(group)));
			}
			if (path.endsWith("/supervision/findings/{id}/rectification")) {
				return uri(Map.of("id", Long.toString(newTrainingFinding(false))));
			}
			if (path.endsWith("/supervision/findings/{id}/review")) {
				return uri(Map.of("id", Long.toString(newTrainingFinding(true))));
			}
			// training module: a session of a draft to change, a submitted plan to review
			if (path.startsWith("/api/v1/training/sessions/")) {
				return uri(Map.of("id", Long.toString(newTrainingSession(draftTrainingClassroom()))));
			}
			if (path.endsWith("/appraisal")) {
				return uri(Map.of("id", Long.toString(trainingConfirmedEnrolment)));
			}
			if (path.endsWith("/tests/{id}/submissions")) {
				return uri(Map.of("id", Long.toString(newTrainingTest())));
			}
			if (path.startsWith("/api/v1/training/leaves/")) {
				return uri(Map.of("id", Long.toString(pendingTrainingLeave())));
			}
			if (path.endsWith("/decision")) {
				return uri(Map.of("id", Long.toString(pendingTrainingEnrolment())));
			}
			if (path.endsWith("/plan/sessions")) {
				return uri(Map.of("id", Long.toString(draftTrainingClassroom())));
			}
			if (path.endsWith("/plan/approve") || path.endsWith("/plan/return")) {
				return uri(Map.of("id", Long.toString(submittedTrainingPlan())));
			}
			// training records: a trainee out of the school, to be recorded back
			if (path.equals("/api/v1/training/absences/{id}/return")) {
				return uri(Map.of("id", Long.toString(openTrainingAbsence())));
			}
			if (path.endsWith("/workers/{assignmentId}/end")) {
				long g = newGrid();
				return uri(Map.of("id", Long.toString(g), "assignmentId", Long.toString(newAssignment(g, newPerson()))));
			}
			return uri(Map.of());
		}

		/** A request from a raw URI, so that %00, %FF and the like reach the server as sent. */
		MockHttpServletRequestBuilder request(String uri) {
			return org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request(method, URI.create(uri));
		}

		Map<String, String> baseBody() throws Exception {
			return baseBody(false);
		}

		/** A body that would be accepted, so that one bad field is the only thing wrong; fresh: with rows not used yet. */
		Map<String, String> baseBody(boolean fresh) throws Exception {
			if (jsonBody == null) {
				return null;
			}
			Map<String, String> b = new LinkedHashMap<>();
			String today = str(LocalDate.now().toString());
			String n = unique();
			switch (bodySchema) {
				case "PersonRequest" -> {
					b.put("name", str("健壮" + n.substring(n.length() - 4)));
					b.put("regionCode", str(Long.toString(village)));
				}
				case "PostRequest" -> {
					b.put("post", str("VOLUNTEER"));
					b.put("regionCode", str(Long.toString(village)));
					b.put("startDate", str("2024-01-01"));
				}
				case "GridRequest" -> {
					b.put("regionCode", str(Long.toString(gridVillage())));
					b.put("name", str("网格" + n));
					b.put("households", "10");
					b.put("buildings", "1");
					b.put("validFrom", str("2024-01-01"));
				}
				case "RedrawRequest" -> {
					b.put("name", str("网格" + n));
					b.put("households", "11");
					b.put("buildings", "2");
					b.put("validFrom", today);
					b.put("reason", str("调整"));
				}
				case "RetireRequest" -> {
					b.put("retiredOn", today);
					b.put("reason", str("撤销"));
				}
				case "WorkerRequest" -> {
					b.put("personId", Long.toString(fresh ? newPerson() : workerPerson));
					b.put("startDate", today);
				}
				case "EndRequest" -> b.put("endDate", today);
				case "UnitRequest" -> {
					b.put("code", str("R" + n));
					b.put("name", str("单位" + n));
					b.put("kind", str("RESIDENT_UNIT"));
					b.put("regionCode", str(Long.toString(village)));
				}
				case "OrganisationRequest" -> {
					b.put("code", str("R" + n));
					b.put("name", str("党支部" + n));
					b.put("kind", str("BRANCH"));
					b.put("regionCode", str(Long.toString(village)));
				}
				case "CreateRequest" -> {
					b.put("username", str("r" + n.toLowerCase()));
					b.put("personId", Long.toString(person));
					b.put("password", str("Robust-Passw0rd"));
				}
				case "GrantRequest" -> {
					b.put("role", str("GRID_WORKER"));
					b.put("scopeKind", str("REGION_AND_BELOW"));
					b.put("regionCode", str(Long.toString(village)));
				}
				case "PasswordChangeRequest" -> {
					b.put("currentPassword", str("Robust-Passw0rd"));
					b.put("newPassword", str("Robust-Passw0rd-" + n));
				}
				case "PasswordResetRequest" -> b.put("password", str("Robust-Passw0rd-" + n));
				// training module
				case "ProgrammeRequest" -> {
					b.put("name", str("培训班" + n));
					b.put("year", "2026");
					b.put("sponsorName", str("省委组织部"));
					b.put("sponsorRegionCode", str("23"));
					b.put("startDate", str("2026-06-18"));
					b.put("endDate", str("2026-06-22"));
					b.put("requiredHours", "40");
					b.put("targetPosts", "[\"COMMUNITY_PARTY_SECRETARY\"]");
					b.put("topics", "[\"GRASSROOTS_GOVERNANCE\"]");
				}
				case "ClassroomRequest" -> {
					b.put("name", str("课堂" + n));
					b.put("kind", str("BRANCH"));
					b.put("hostName", str("党校"));
					b.put("regionCode", str(Long.toString(village / 1000 * 1000)));
					b.put("capacity", "100");
				}
				case "RoomRequest" -> {
					b.put("name", str("教室" + n));
					b.put("capacity", "60");
				}
				case "GroupRequest" -> b.put("name", str("小组" + n));
				case "SessionRequest" -> {
					b.put("date", str("2026-06-19"));
					b.put("start", str("08:00"));
					b.put("end", str("09:00"));
					b.put("hours", "1");
					b.put("title", str("课程" + n));
					b.put("courseType", str("CASE"));
					b.put("delivery", str("OFFLINE"));
				}
				case "ReviewRequest" -> b.put("comment", str("审核意见" + n));
				case "CheckRequest" -> b.put("personIds", "[" + person + "]");
				case "PickRequest" -> {
					b.put("personIds", "[" + (fresh ? newPerson() : person) + "]");
					b.put("classroomId", Long.toString(trainingClassroom));
				}
				case "RosterRequest" -> b.put("regionCode", str(Long.toString(village)));
				case "DecisionRequest" -> b.put("decision", str("CONFIRM"));
				case "MarkRequest" -> b.put("marks", "[{\"personId\":" + trainingAdminPerson + ",\"status\":\"PRESENT\"}]");
				case "CheckInRequest" -> {
					long session = fresh ? newTrainingSession(draftTrainingClassroom()) : trainingSession;
					String code = "00000000";
					if (fresh) {
						code = JsonPath.read(mvc.perform(get("/api/v1/training/sessions/" + session + "/code").with(as("hlj-admin")))
							.andReturn().getResponse().getContentAsString(), "$.code");
					}
					b.put("sessionId", Long.toString(session));
					b.put("code", str(code));
				}
				case "LeaveRequest" -> {
					b.put("classroomId", Long.toString(trainingClassroom));
					b.put("fromDate", str("2026-06-19"));
					b.put("toDate", str("2026-06-19"));
					b.put("reason", str("请假" + n));
				}
				case "LeaveDecisionRequest" -> b.put("approve", "true");
				case "QuestionRequest" -> {
					b.put("kind", str("TRUE_FALSE"));
					b.put("stem", str("判断题" + n));
					b.put("answer", str("T"));
					b.put("maxMark", "1");
				}
				case "TestRequest" -> {
					b.put("kind", str("FINAL"));
					b.put("title", str("测试" + n));
					b.put("opensAt", str(java.time.OffsetDateTime.now().minusHours(1).toString()));
					b.put("closesAt", str(java.time.OffsetDateTime.now().plusHours(1).toString()));
					b.put("questionIds", "[" + trainingQuestion + "]");
				}
				case "SubmissionRequest" -> b.put("answers", "[{\"questionId\":" + trainingQuestion + ",\"response\":\"答\"}]");
				case "AppraisalRequest" -> b.put("passed", "true");
				case "MarkAnswerRequest" -> {
					b.put("questionId", Long.toString(trainingQuestion));
					b.put("mark", "1");
				}
				case "ExternalRecordRequest" -> {
					b.put("personId", Long.toString(person));
					b.put("title", str("全国示范培训" + n));
					b.put("topic", str("GRASSROOTS_GOVERNANCE"));
					b.put("endDate", str("2026-01-15"));
				}
				// training records: coverage, yearly hours, closed management
				case "MakeUpRequest" -> {
					b.put("regionCode", str(Long.toString(village)));
					b.put("classroomId", Long.toString(trainingClassroom));
				}
				case "HoursRequirementRequest" -> {
					b.put("regionCode", str(Long.toString(village)));
					b.put("post", str("COMMUNITY_PARTY_SECRETARY"));
					b.put("yearlyHours", "40");
				}
				case "AutoLodgingRequest" -> {
					b.put("building", str("楼" + n));
					b.put("bedsPerRoom", "2");
				}
				case "LodgingRequest" -> {
					b.put("personId", Long.toString(fresh ? confirmedTrainingTrainee() : trainingAdminPerson));
					b.put("building", str("楼" + n));
					b.put("room", str("101"));
					b.put("bed", str("1"));
				}
				case "LeavingRequest" -> b.put("personId", Long.toString(fresh ? confirmedTrainingTrainee() : trainingAdminPerson));
				case "SiteRequest" -> {
					b.put("name", str("观摩点" + n));
					b.put("kind", str("OBSERVATION_SITE"));
					b.put("regionCode", str(Long.toString(village)));
					b.put("capacity", "50");
				}
				case "StaffRequest" -> {
					b.put("personId", Long.toString(fresh ? newPerson() : person));
					b.put("role", str("MARKER"));
				}
				case "TokenRequest" -> {
					b.put("name", str("t" + n));
					b.put("validityDays", "30");
				}
				// training module: lecturers, cases, sessions' links, seminars, evaluation, symposiums, supervision
				case "LecturerRequest" -> {
					b.put("name", str("讲师" + n.substring(n.length() - 4)));
					b.put("kind", str("DEPARTMENT_OFFICER"));
					b.put("regionCode", str("23"));
					b.put("topics", "[\"MASS_WORK\"]");
				}
				case "CaseRequest" -> {
					b.put("title", str("案例" + n));
					b.put("practice", str("做法"));
					b.put("results", str("成效"));
					b.put("topic", str("MASS_WORK"));
					b.put("communityCode", str(Long.toString(village)));
					b.put("households", "800");
					b.put("year", "2025");
				}
				case "ModelSecretaryRequest" -> b.put("kind", str("PROVINCIAL_MODEL_SECRETARY"));
				case "SeminarRequest" -> {
					b.put("topic", str("研讨" + n));
					b.put("heldOn", str("2026-06-21"));
				}
				case "SeminarGroupRequest" -> {
					b.put("name", str("小组" + n));
					b.put("facilitatorPersonId", Long.toString(person));
				}
				case "SeminarMembersRequest" -> b.put("personIds", "[" + trainingAdminPerson + "]");
				case "SeminarFacilitatorRequest" -> b.put("facilitatorPersonId", Long.toString(person));
				case "ActionItemRequest" -> {
					b.put("title", str("措施" + n));
					b.put("ownerPersonId", Long.toString(trainingAdminPerson));
					b.put("communityCode", str(Long.toString(village)));
					b.put("deadline", str("2026-12-31"));
					b.put("expectedResult", str("成效"));
				}
				case "EvaluationRequest" -> {
					b.put("content", "5");
					b.put("method", "4");
					b.put("usefulness", "5");
					b.put("lecturer", "4");
				}
				case "SymposiumRequest" -> {
					b.put("title", str("座谈" + n));
					b.put("heldOn", str("2026-06-20"));
				}
				case "SymposiumMinutesRequest" -> b.put("minutes", str("纪要" + n));
				case "SymposiumParticipantRequest" -> b.put("name", str("参会人"));
				case "SupervisionTeamRequest" -> {
					b.put("name", str("督学组" + n));
					b.put("memberPersonIds", "[" + person + "]");
				}
				case "SupervisionVisitRequest" -> {
					b.put("teamId", Long.toString(trainingTeam));
					b.put("classroomId", Long.toString(trainingClassroom));
					b.put("visitedOn", str("2026-06-20"));
				}
				case "SupervisionFindingRequest" -> {
					b.put("description", str("问题" + n));
					b.put("deadline", str("2026-07-20"));
				}
				case "RectificationRequest" -> b.put("note", str("已整改"));
				case "RectificationReviewRequest" -> {
					b.put("accept", "true");
					b.put("note", str("验收"));
				}
				// measures module
				case "MechanismRequest" -> {
					b.put("name", str("健壮性机制" + n));
					b.put("level", str("PROVINCE"));
					b.put("regionCode", str("23"));
					b.put("leaderName", str("某"));
					b.put("leadUnitId", Long.toString(measuresLeadUnit));
					b.put("coordinatingUnitId", Long.toString(measuresLeadUnit));
				}
				case "ReportReviewRequest" -> b.put("decision", str("ACCEPT"));
				case "NoticeRequest" -> {
					b.put("colour", str("YELLOW"));
					b.put("reason", str("健壮性"));
				}
				case "ResponseRequest" -> b.put("response", str("已整改"));
				case "OverrideRequest" -> {
					b.put("status", str("AT_RISK"));
					b.put("reason", str("健壮性"));
				}
				case "MeetingRequest" -> {
					b.put("title", str("健壮性会议" + n));
					b.put("heldOn", today);
				}
				case "MinutesRequest" -> b.put("minutes", str("健壮性纪要"));
				// surveys module
				case "DistributionCreate" -> {
					b.put("name", str("健壮性发放" + n));
					b.put("kind", str("TOKENS"));
					b.put("region", str("23"));
					b.put("closesAt", str("2099-01-01T00:00:00Z"));
					b.put("targets", "[{\"role\":\"GRID_WORKER\",\"region\":\"2301\",\"count\":1}]");
				}
				case "LinkRequest" -> b.put("source", str("COUNT"));
				case "AnswerSubmission" -> b.put("answers", "{\"satisfied\":\"yes\",\"burden\":\"3\"}");
				case "OpenStart" -> {
					b.put("role", str("GRID_WORKER"));
					b.put("region", str("230102"));
				}
				case "VisitRequest" -> {
					b.put("title", str("健壮性调研" + n));
					b.put("visitedOn", today);
				}
				case "MeasureRequest" -> {
					b.put("code", str("RB" + n));
					b.put("title", str("健壮性措施" + n));
					b.put("kind", str("ANNUAL"));
					b.put("startDate", str("2026-01-01"));
					b.put("dueDate", str("2026-12-31"));
					b.put("reportCycle", str("MONTHLY"));
					b.put("leadUnitId", Long.toString(measuresLeadUnit));
				}
				// surveys module: a problem of the demo questionnaire, a dictionary term of its own
				case "SurveyNewFindingBody" -> {
					b.put("question", str("problems"));
					b.put("choice", str("forms"));
				}
				case "SurveyNewTermBody" -> b.put("term", str("健壮" + n));
				default -> {
				}
			}
			return b;
		}
	}

	/** The path with the test's own rows for every variable. */
	private String concrete(String path) {
		String uri = path;
		for (String v : List.of("id", "code", "assignmentId", "grantId", "fileId", "distributionId", "token", "key", "findingId", "termId",
				"reminderId", "personId")) {
			uri = uri.replace("{" + v + "}", real(path, v));
		}
		return uri;
	}

	/** The test's own row for a path variable. */
	private String real(String path, String variable) {
		long value;
		if (path.startsWith("/api/v1/regions")) {
			return Long.toString(village);
		}
		// surveys module: no such distribution (the demo's must not be closed by the battery), and
		// a token or open-link key of the right shape that no link has
		if ("distributionId".equals(variable)) {
			return "987654321";
		}
		if ("token".equals(variable) || "key".equals(variable)) {
			return "RobustnessNoSuchLink0123456789ab";
		}
		// training module: a seminar group's member that is none
		if ("personId".equals(variable)) {
			return "987654321";
		}
		else if (path.startsWith("/api/v1/people/imports")) {
			value = 1;
		}
		else if (path.startsWith("/api/v1/people")) {
			value = person;
		}
		else if (path.startsWith("/api/v1/grids")) {
			value = "assignmentId".equals(variable) ? assignment : grid;
		}
		else if (path.startsWith("/api/v1/units")) {
			value = unit;
		}
		else if (path.startsWith("/api/v1/party-organisations")) {
			value = organisation;
		}
		else if (path.startsWith("/api/v1/accounts")) {
			value = "grantId".equals(variable) ? grant : account;
		}
		else if (path.startsWith("/api/v1/mechanisms")) {
			value = mechanism;
		}
		else if (path.startsWith("/api/v1/measures")) {
			value = measure;
		}
		// training module
		else if (path.startsWith("/api/v1/training/programmes")) {
			value = trainingProgramme;
		}
		else if (path.startsWith("/api/v1/training/classrooms")) {
			value = "assignmentId".equals(variable) ? trainingAssignment : trainingClassroom;
		}
		else if (path.startsWith("/api/v1/training/sessions")) {
			value = trainingSession;
		}
		else if (path.startsWith("/api/v1/training/enrolments")) {
			value = trainingEnrolment;
		}
		else if (path.startsWith("/api/v1/training/leaves")) {
			value = trainingLeave;
		}
		else if (path.startsWith("/api/v1/training/tests")) {
			value = trainingTest;
		}
		else if (path.startsWith("/api/v1/training/submissions")) {
			value = trainingSubmission;
		}
		// training module: lecturers, cases, sites, seminars, symposiums, supervision
		else if (path.startsWith("/api/v1/training/lecturers")) {
			value = trainingLecturer;
		}
		else if (path.startsWith("/api/v1/training/cases")) {
			value = trainingCase;
		}
		else if (path.startsWith("/api/v1/training/sites")) {
			value = trainingSite;
		}
		else if (path.startsWith("/api/v1/training/seminars")) {
			value = trainingSeminar;
		}
		else if (path.startsWith("/api/v1/training/seminar-groups")) {
			value = trainingSeminarGroup;
		}
		else if (path.startsWith("/api/v1/training/action-items")) {
			value = trainingActionItem;
		}
		else if (path.startsWith("/api/v1/training/symposiums")) {
			value = trainingSymposium;
		}
		else if (path.startsWith("/api/v1/training/supervision/visits")) {
			value = trainingVisit;
		}
		else if (path.startsWith("/api/v1/training/supervision/findings")) {
			value = trainingFinding;
		}
		else if (path.startsWith("/api/v1/meetings")) {
			value = meeting;
		}
		else if (path.startsWith("/api/v1/visits")) {
			value = visit;
		}
		else if (path.startsWith("/api/v1/surveys/{id}")) {
			value = surveysDemo();
		}
		else if (path.startsWith("/api/v1/surveys/terms")) {
			// no such term: the seeded dictionary stays whole for the other tests
			value = 999_999_999L;
		}
		else {
			value = 1;
		}
		return Long.toString(value);
	}

	/** The surveys demo questionnaire (written by a background thread after start-up), whose questions the bodies name. */
	private long surveysDemo() {
		for (int i = 0; i < 600; i++) {
			var id = jdbc.sql("SELECT id FROM survey_questionnaire WHERE form_id = 'pretraining_2026'").query(Long.class).optional();
			if (id.isPresent()) {
				return id.get();
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		return 1;
	}

	// ---------------------------------------------------------------- fixtures

	private String unique() {
		return Long.toString(System.currentTimeMillis() % 100_000_000L, 36) + sequence.incrementAndGet();
	}

	private void fixtures() throws Exception {
		// the last village of 黑龙江: far from the demo community the other tests work in
		gridVillages = jdbc.sql("SELECT code FROM region WHERE level = 'VILLAGE' AND code BETWEEN 230000000000 AND 239999999999 "
				+ "ORDER BY code DESC LIMIT 200").query(Long.class).list();
		village = gridVillages.get(0);
		person = newPerson();
		workerPerson = newPerson();
		grid = newGrid();
		assignment = newAssignment(grid, newPerson());
		unit = id(post("/api/v1/units", "{\"code\":\"RB" + unique() + "\",\"name\":\"健壮性单位" + unique()
				+ "\",\"kind\":\"RESIDENT_UNIT\",\"regionCode\":\"" + village + "\"}"));
		organisation = id(post("/api/v1/party-organisations", "{\"code\":\"RB" + unique() + "\",\"name\":\"健壮性支部" + unique()
				+ "\",\"kind\":\"BRANCH\",\"regionCode\":\"" + village + "\"}"));
		passwordHash = encoder.encode("Robust-Passw0rd");
		String hash = passwordHash;
		account = accounts.create("robust-" + UUID.randomUUID().toString().substring(0, 8), hash, "健壮性账号", person, village, false);
		grant = accounts.addGrant(account, Grant.region(Role.GRID_WORKER, village), "test");
		meAccount = accounts.create("robust-me-" + UUID.randomUUID().toString().substring(0, 8), hash, "健壮性本人", newPerson(),
				village, false);
		accounts.addGrant(meAccount, Grant.region(Role.ORG_ADMIN, village), "test");
		meOtherAccount = accounts.create("robust-none-" + UUID.randomUUID().toString().substring(0, 8), hash, "无权限账号", null,
				false);
		// training module
		trainingProgramme = id(post("/api/v1/training/programmes", "{\"name\":\"健壮性培训班" + unique()
				+ "\",\"year\":2026,\"sponsorName\":\"省委组织部\",\"sponsorRegionCode\":\"23\",\"startDate\":\"2026-06-18\","
				+ "\"endDate\":\"2026-06-22\",\"requiredHours\":40,\"targetPosts\":[\"COMMUNITY_PARTY_SECRETARY\"],"
				+ "\"topics\":[\"GRASSROOTS_GOVERNANCE\"]}"));
		trainingClassroom = id(post("/api/v1/training/programmes/" + trainingProgramme + "/classrooms", "{\"name\":\"健壮性课堂"
				+ unique() + "\",\"kind\":\"BRANCH\",\"hostName\":\"党校\",\"regionCode\":\"" + (village / 1000 * 1000)
				+ "\",\"capacity\":100}"));
		trainingAssignment = id(post("/api/v1/training/classrooms/" + trainingClassroom + "/staff", "{\"personId\":" + person
				+ ",\"role\":\"HEAD_TEACHER\"}"));
		trainingReviewProgramme = id(post("/api/v1/training/programmes", "{\"name\":\"健壮性审核培训班" + unique()
				+ "\",\"year\":2026,\"sponsorName\":\"省委组织部\",\"sponsorRegionCode\":\"23\",\"startDate\":\"2026-06-18\","
				+ "\"endDate\":\"2026-06-22\",\"requiredHours\":1,\"targetPosts\":[\"COMMUNITY_PARTY_SECRETARY\"],"
				+ "\"topics\":[\"GRASSROOTS_GOVERNANCE\"]}"));
		post("/api/v1/training/classrooms/" + trainingClassroom + "/plan/versions", "{}");
		trainingSession = newTrainingSession(trainingClassroom);
		trainingReviewClassroom = id(post("/api/v1/training/programmes/" + trainingReviewProgramme + "/classrooms",
				"{\"name\":\"健壮性报名课堂" + unique() + "\",\"kind\":\"BRANCH\",\"hostName\":\"党校\",\"regionCode\":\""
						+ (village / 1000 * 1000) + "\",\"capacity\":100}"));
		trainingEnrolment = pendingTrainingEnrolment();
		trainingAdminPerson = jdbc.sql("SELECT person_id FROM account WHERE username = 'hlj-admin'").query(Long.class).single();
		enrolAdmin(trainingProgramme, trainingClassroom);
		trainingLeave = pendingTrainingLeave();
		trainingConfirmedEnrolment = jdbc.sql("SELECT id FROM training_enrolment WHERE programme_id = :p AND person_id = :x")
			.param("p", trainingProgramme).param("x", trainingAdminPerson).query(Long.class).single();
		trainingQuestion = id(post("/api/v1/training/programmes/" + trainingProgramme + "/questions",
				"{\"kind\":\"SHORT\",\"stem\":\"健壮性简答\",\"answer\":\"要点\",\"maxMark\":2}"));
		trainingTest = newTrainingTest();
		trainingSubmission = ((Number) JsonPath.read(post("/api/v1/training/tests/" + trainingTest + "/submissions",
				"{\"answers\":[{\"questionId\":" + trainingQuestion + ",\"response\":\"答\"}]}"), "$.submissionId")).longValue();
		seminarFixtures();
		template = mvc.perform(get("/api/v1/people/import/template").with(as("hlj-admin"))).andReturn().getResponse()
			.getContentAsByteArray();
		assertThat(template).as("the import template").hasSizeGreaterThan(100);
		measuresFixtures();
		surveyQuestionnaire = cn.grassroots.surveys.SurveyFixtures.createQuestionnaire(mvc, "hlj-admin",
				cn.grassroots.surveys.SurveyFixtures.analysisForm());
	}

	/** surveys module: a new distribution of the test's questionnaire (TOKENS or OPEN) in Heilongjiang. */
	private String newDistribution(String kind) throws Exception {
		return post("/api/v1/surveys/" + surveyQuestionnaire + "/distributions", "{\"name\":\"健壮性发放\",\"kind\":\"" + kind
				+ "\",\"region\":\"23\",\"closesAt\":\"2099-01-01T00:00:00Z\",\"targets\":[{\"role\":\"GRID_WORKER\","
				+ "\"region\":\"230102\",\"count\":1}]}");
	}

	/** surveys module: a fresh per-person link's token. */
	private String newAnswerToken() throws Exception {
		long d = id(newDistribution("TOKENS"));
		String links = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
			.post("/api/v1/surveys/" + surveyQuestionnaire + "/distributions/" + d + "/links").with(as("hlj-admin"))
			.contentType(MediaType.APPLICATION_JSON).content("{\"source\":\"ROSTER\"}")).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		java.util.List<String> tokens = JsonPath.read(links, "$[*].token");
		if (!tokens.isEmpty()) {
			return tokens.get(0);
		}
		throw new IllegalStateException("no roster link: " + links);
	}

	/** measures module: a Heilongjiang mechanism (hlj-admin manages it) with one measure. */
	private void measuresFixtures() throws Exception {
		measuresLeadUnit = jdbc.sql("SELECT id FROM unit WHERE code = '23-001'").query(Long.class).single();
		measuresCoordinatingUnit = jdbc.sql("SELECT id FROM unit WHERE code = '23-002'").query(Long.class).single();
		mechanism = newMechanism();
		measure = newMeasure();
		meeting = newMeeting();
		visit = ((Number) com.jayway.jsonpath.JsonPath.read(post("/api/v1/mechanisms/" + mechanism + "/visits",
				"{\"title\":\"健壮性调研\",\"visitedOn\":\"2026-10-01\"}"), "$.visit.id")).longValue();
		measuresReporter = "robust-lead-" + UUID.randomUUID().toString().substring(0, 8);
		long reporter = accounts.create(measuresReporter, passwordHash, "健壮性牵头单位", null, false);
		accounts.addGrant(reporter, Grant.unit(Role.UNIT_OFFICER, measuresLeadUnit, false), "test");
		measuresCoordinator = "robust-coord-" + UUID.randomUUID().toString().substring(0, 8);
		long coordinator = accounts.create(measuresCoordinator, passwordHash, "健壮性协调单位", null, false);
		accounts.addGrant(coordinator, Grant.unit(Role.UNIT_OFFICER, measuresCoordinatingUnit, false), "test");
	}

	/** A Heilongjiang mechanism led by 23-001 and coordinated by 23-002. */
	private long newMechanism() throws Exception {
		return id(post("/api/v1/mechanisms", "{\"name\":\"健壮性机制" + unique() + "\",\"level\":\"PROVINCE\","
				+ "\"regionCode\":\"23\",\"leaderName\":\"某\",\"leadUnitId\":" + measuresLeadUnit
				+ ",\"coordinatingUnitId\":" + measuresCoordinatingUnit + "}"));
	}

	/** A meeting of the mechanism, without minutes yet. */
	private long newMeeting() throws Exception {
		String body = post("/api/v1/mechanisms/" + mechanism + "/meetings", "{\"title\":\"健壮性会议\",\"heldOn\":\"2026-12-01\"}");
		return ((Number) com.jayway.jsonpath.JsonPath.read(body, "$.meeting.id")).longValue();
	}

	private long newMeasure() throws Exception {
		return id(post("/api/v1/mechanisms/" + mechanism + "/measures", "{\"code\":\"RB" + unique()
				+ "\",\"title\":\"健壮性措施\",\"kind\":\"ANNUAL\",\"startDate\":\"2026-01-01\",\"dueDate\":\"2099-12-31\","
				+ "\"reportCycle\":\"MONTHLY\",\"leadUnitId\":" + measuresLeadUnit + "}"));
	}

	/** A report of a fresh measure, filed by its lead unit and not yet reviewed. */
	private long newMeasureReport() throws Exception {
		MvcResult r = mvc.perform(multipart(HttpMethod.POST, URI.create("/api/v1/measures/" + newMeasure() + "/reports"))
			.param("progress", "0.5").param("done", "健壮性").with(as(measuresReporter))).andReturn();
		assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(201);
		return id(r.getResponse().getContentAsString(StandardCharsets.UTF_8));
	}

	/** training module: a session in the classroom's draft plan. */
	private long newTrainingSession(long classroom) throws Exception {
		return id(post("/api/v1/training/classrooms/" + classroom + "/plan/sessions", "{\"date\":\"2026-06-19\","
				+ "\"start\":\"08:00\",\"end\":\"09:00\",\"hours\":1,\"title\":\"健壮性课程" + unique()
				+ "\",\"courseType\":\"CASE\",\"delivery\":\"OFFLINE\"}"));
	}

	/** training module: a classroom of a new programme with an empty draft plan and hlj-admin's person as its trainee. */
	private long draftTrainingClassroom() throws Exception {
		long programme = id(post("/api/v1/training/programmes", "{\"name\":\"健壮性草稿培训班" + unique()
				+ "\",\"year\":2026,\"sponsorName\":\"省委组织部\",\"sponsorRegionCode\":\"23\",\"startDate\":\"2026-06-18\","
				+ "\"endDate\":\"2026-06-22\",\"requiredHours\":40,\"targetPosts\":[\"COMMUNITY_PARTY_SECRETARY\"],"
				+ "\"topics\":[\"GRASSROOTS_GOVERNANCE\"]}"));
		long classroom = id(post("/api/v1/training/programmes/" + programme + "/classrooms", "{\"name\":\"健壮性草稿课堂"
				+ unique() + "\",\"kind\":\"BRANCH\",\"hostName\":\"党校\",\"regionCode\":\"" + (village / 1000 * 1000)
				+ "\",\"capacity\":100}"));
		post("/api/v1/training/classrooms/" + classroom + "/plan/versions", "{}");
		enrolAdmin(programme, classroom);
		return classroom;
	}

	/** training module: a lecturer, a case, a site, a seminar group with hlj-admin's person and an item, a symposium, a visit and a finding. */
	private void seminarFixtures() throws Exception {
		trainingLecturer = id(post("/api/v1/training/lecturers", "{\"name\":\"健壮性讲师\",\"kind\":\"PARTY_SCHOOL_EXPERT\","
				+ "\"regionCode\":\"23\",\"topics\":[\"MASS_WORK\"]}"));
		trainingCase = newTrainingCase();
		trainingSite = id(post("/api/v1/training/sites", "{\"name\":\"健壮性观摩点" + unique() + "\",\"kind\":\"OBSERVATION_SITE\","
				+ "\"regionCode\":\"" + village + "\",\"capacity\":50}"));
		trainingSeminar = newTrainingSeminar();
		trainingSeminarGroup = newTrainingSeminarGroup(trainingSeminar, true);
		trainingActionItem = newTrainingActionItem(trainingSeminarGroup);
		trainingSymposium = id(post("/api/v1/training/classrooms/" + trainingClassroom + "/symposiums",
				"{\"title\":\"健壮性座谈\",\"heldOn\":\"2026-06-20\"}"));
		trainingTeam = id(post("/api/v1/training/programmes/" + trainingProgramme + "/supervision/teams",
				"{\"name\":\"健壮性督学组" + unique() + "\",\"memberPersonIds\":[" + person + "]}"));
		trainingVisit = id(post("/api/v1/training/programmes/" + trainingProgramme + "/supervision/visits",
				"{\"teamId\":" + trainingTeam + ",\"classroomId\":" + trainingClassroom + ",\"visitedOn\":\"2026-06-20\"}"));
		trainingFinding = newTrainingFinding(false);
	}

	private long newTrainingCase() throws Exception {
		return id(post("/api/v1/training/cases", "{\"title\":\"健壮性案例" + unique() + "\",\"practice\":\"做法\",\"results\":\"成效\","
				+ "\"topic\":\"MASS_WORK\",\"communityCode\":\"" + village + "\",\"households\":800,\"year\":2025,"
				+ "\"secretaryPersonId\":" + person + "}"));
	}

	private long newTrainingSeminar() throws Exception {
		return id(post("/api/v1/training/classrooms/" + trainingClassroom + "/seminars",
				"{\"topic\":\"健壮性研讨" + unique() + "\",\"heldOn\":\"2026-06-21\"}"));
	}

	/** A group led by the classroom's head teacher; with hlj-admin's person as member if asked. */
	private long newTrainingSeminarGroup(long seminar, boolean member) throws Exception {
		long group = id(post("/api/v1/training/seminars/" + seminar + "/groups", "{\"name\":\"健壮性小组" + unique()
				+ "\",\"facilitatorPersonId\":" + person + "}"));
		if (member) {
			postOk("/api/v1/training/seminar-groups/" + group + "/members", "{\"personIds\":[" + trainingAdminPerson + "]}");
		}
		return group;
	}

	private long newTrainingActionItem(long group) throws Exception {
		return id(post("/api/v1/training/seminar-groups/" + group + "/items", "{\"title\":\"健壮性措施\",\"ownerPersonId\":"
				+ trainingAdminPerson + ",\"communityCode\":\"" + village + "\",\"deadline\":\"2026-12-31\","
				+ "\"expectedResult\":\"成效\"}"));
	}

	/** An open finding of the fixture's visit, or one the classroom has reported rectified. */
	private long newTrainingFinding(boolean rectified) throws Exception {
		long finding = id(post("/api/v1/training/supervision/visits/" + trainingVisit + "/findings",
				"{\"description\":\"健壮性问题\",\"deadline\":\"2026-07-20\"}"));
		if (rectified) {
			postOk("/api/v1/training/supervision/findings/" + finding + "/rectification", "{\"note\":\"已整改\"}");
		}
		return finding;
	}

	/** A session of a draft plan that hlj-admin's person attended, to be rated. */
	private long attendedTrainingSession() throws Exception {
		long session = newTrainingSession(draftTrainingClassroom());
		jdbc.sql("INSERT INTO training_attendance (session_id, person_id, status, method, marked_by, marked_at)"
				+ " VALUES (:s, :p, 'PRESENT', 'ROSTER', 'robust', CURRENT_TIMESTAMP)").param("s", session)
			.param("p", trainingAdminPerson).update();
		return session;
	}

	private void enrolAdmin(long programme, long classroom) {
		jdbc.sql("INSERT INTO training_enrolment (programme_id, classroom_id, person_id, person_name, region_code, status,"
				+ " created_at) VALUES (:p, :c, :person, '王志强', 230000000000, 'CONFIRMED', CURRENT_TIMESTAMP)")
			.param("p", programme).param("c", classroom).param("person", trainingAdminPerson).update();
	}

	/** training module: a test open now with the fixture's question. */
	private long newTrainingTest() throws Exception {
		return id(post("/api/v1/training/programmes/" + trainingProgramme + "/tests", "{\"kind\":\"QUIZ\",\"title\":\"健壮性测试"
				+ unique() + "\",\"opensAt\":\"" + java.time.OffsetDateTime.now().minusHours(1) + "\",\"closesAt\":\""
				+ java.time.OffsetDateTime.now().plusHours(1) + "\",\"questionIds\":[" + trainingQuestion + "]}"));
	}

	/** training module: hlj-admin's person asks for a day of leave in the fixture's classroom. */
	private long pendingTrainingLeave() throws Exception {
		return id(post("/api/v1/training/leaves", "{\"classroomId\":" + trainingClassroom
				+ ",\"fromDate\":\"2026-06-19\",\"toDate\":\"2026-06-19\",\"reason\":\"健壮性请假\"}"));
	}

	/** training module: a new person enrolled in the review programme, then in the main one: pending on SAME_TOPIC_IN_WINDOW. */
	private long pendingTrainingEnrolment() throws Exception {
		long someone = newPerson();
		for (long[] target : new long[][] { { trainingReviewProgramme, trainingReviewClassroom },
				{ trainingProgramme, trainingClassroom } }) {
			MvcResult r = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
				.post("/api/v1/training/programmes/" + target[0] + "/enrolments").with(as("hlj-admin"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"personIds\":[" + someone + "],\"classroomId\":" + target[1] + "}")).andReturn();
			assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(200);
		}
		return jdbc.sql("SELECT id FROM training_enrolment WHERE programme_id = :p AND person_id = :x AND status = 'PENDING'")
			.param("p", trainingProgramme).param("x", someone).query(Long.class).single();
	}

	/** training records: a confirmed trainee of the training classroom nobody has lodged or recorded out yet. */
	private long confirmedTrainingTrainee() {
		long someone = 880_000_000L + sequence.incrementAndGet();
		jdbc.sql("INSERT INTO training_enrolment (programme_id, classroom_id, person_id, person_name, region_code, status, created_at)"
				+ " VALUES (:p, :c, :x, '健壮性学员', :r, 'CONFIRMED', CURRENT_TIMESTAMP)")
			.param("p", trainingProgramme).param("c", trainingClassroom).param("x", someone).param("r", village).update();
		return someone;
	}

	/** training records: a trainee recorded as out of the school an hour ago. */
	private long openTrainingAbsence() throws Exception {
		return id(post("/api/v1/training/classrooms/" + trainingClassroom + "/absences", "{\"personId\":"
				+ confirmedTrainingTrainee() + ",\"leftAt\":\"" + java.time.OffsetDateTime.now().minusHours(1) + "\"}"));
	}

	/** training module: a classroom whose one-session plan passes every rule and has been submitted. */
	private long submittedTrainingPlan() throws Exception {
		long classroom = id(post("/api/v1/training/programmes/" + trainingReviewProgramme + "/classrooms", "{\"name\":\"健壮性审核课堂"
				+ unique() + "\",\"kind\":\"BRANCH\",\"hostName\":\"党校\",\"regionCode\":\"" + (village / 1000 * 1000)
				+ "\",\"capacity\":100}"));
		post("/api/v1/training/classrooms/" + classroom + "/plan/versions", "{}");
		newTrainingSession(classroom);
		MvcResult r = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
			.post("/api/v1/training/classrooms/" + classroom + "/plan/submit").with(as("hlj-admin"))).andReturn();
		assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(200);
		return classroom;
	}

	private long newPerson() throws Exception {
		return id(post("/api/v1/people", "{\"name\":\"健壮" + sequence.incrementAndGet() + "\",\"regionCode\":\"" + village + "\"}"));
	}

	private long gridVillage() {
		return gridVillages.get(sequence.incrementAndGet() % gridVillages.size());
	}

	private long newGrid() throws Exception {
		return id(post("/api/v1/grids", "{\"regionCode\":\"" + gridVillage() + "\",\"name\":\"健壮性网格" + unique()
				+ "\",\"validFrom\":\"2024-01-01\"}"));
	}

	private long newAssignment(long gridId, long personId) throws Exception {
		String body = post("/api/v1/grids/" + gridId + "/workers", "{\"personId\":" + personId + ",\"startDate\":\"2024-01-01\"}");
		return ((Number) JsonPath.read(body, "$.assignmentId")).longValue();
	}

	private String post(String uri, String body) throws Exception {
		MvcResult r = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(uri)
			.with(as("hlj-admin")).contentType(MediaType.APPLICATION_JSON).content(body)).andReturn();
		assertThat(r.getResponse().getStatus()).as(uri + " " + body + ": " + r.getResponse().getContentAsString()).isEqualTo(201);
		return r.getResponse().getContentAsString(StandardCharsets.UTF_8);
	}

	/** training module: a POST that changes a row rather than creating one. */
	private void postOk(String uri, String body) throws Exception {
		MvcResult r = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(uri)
			.with(as("hlj-admin")).contentType(MediaType.APPLICATION_JSON).content(body)).andReturn();
		assertThat(r.getResponse().getStatus()).as(uri + " " + body + ": " + r.getResponse().getContentAsString()).isEqualTo(200);
	}

	private static long id(String body) {
		return ((Number) JsonPath.read(body, "$.id")).longValue();
	}

}
