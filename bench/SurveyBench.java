import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The surveys benchmark of docs/benchmarks.md, over HTTP against a running Grassroots (see
 * bench/surveys.sh, which starts it in a 512 MB heap and runs this with the application's jars on
 * the class path, for POI):
 * <ol>
 * <li>creates the benchmark questionnaire (30 closed questions — 20 single choices of 5 and 10
 * scales 1–5 —, a multiple choice of 15 problems, a top-3 ranking of the same 15, two short
 * Chinese texts) from an XLSForm;</li>
 * <li>writes N (339,000) responses as CSV over Heilongjiang's villages and communities, each with
 * its own token — a per-person link of the questionnaire, made beforehand through the distribution API
 * (a token must be an unused link's, and the import marks the links used) — and imports them
 * (validated, all or nothing): the time from upload to SUCCEEDED;</li>
 * <li>times statistics of every question, cross-tabs (two closed questions, a question by role,
 * a question by city), the ranking of the top 3 and of the multiple choice, and the summary
 * (the dashboard's figures): 5 runs each after one warm-up, median;</li>
 * <li>times the background jobs from request to SUCCEEDED: the import (each run into a new copy of the
 * questionnaire), the CSV and XLSX exports of every response and the open-text analysis of every
 * answer — BENCH_RUNS (5) runs each, median.</li>
 * <li>BENCH_TOKENS=none writes the file without tokens (paper questionnaires), so no links are made or marked.</li>
 * </ol>
 *   java -cp 'app/lib/*' bench/SurveyBench.java http://127.0.0.1:18080 hlj-admin PASSWORD 339000 work-dir
 */
public class SurveyBench {

	static final String[] ROLES = { "GRID_WORKER", "RESIDENT_REPRESENTATIVE", "STREET_SECRETARY", "COMMUNITY_SECRETARY",
			"DEPARTMENT_OFFICER", "RESIDENT", "VOLUNTEER" };
	static final String[] PHRASES = { "网格员负担太重", "报表太多", "小马拉大车", "吹哨报到不灵", "接诉即办压力大", "会议太多",
			"政务APP太多", "人手不足", "物业管理难", "服务中心缺经费", "希望多培训", "考核太频繁", "居民参与少", "志愿者不够" };

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
	final String base;
	String bearer;

	SurveyBench(String base) {
		this.base = base;
	}

	public static void main(String[] args) throws Exception {
		SurveyBench b = new SurveyBench(args[0]);
		b.login(args[1], args[2]);
		int n = Integer.parseInt(args[3]);
		Path work = Path.of(args[4]);
		String formId = "bench" + UUID.randomUUID().toString().substring(0, 6);

		int runs = Integer.parseInt(System.getenv().getOrDefault("BENCH_RUNS", "5"));
		boolean withTokens = !"none".equals(System.getenv("BENCH_TOKENS"));
		Path csv = work.resolve("responses.csv");
		List<String> villages = villages(Path.of("src/main/resources/divisions/heilongjiang.csv"));

		// the import, each run into a questionnaire of its own with its own links (the file's tokens are
		// single-use); the links and the file are made before the clock starts
		long id = 0;
		List<Double> imports = new ArrayList<>();
		for (int run = 0; run < runs; run++) {
			id = b.createQuestionnaire(form(formId + run));
			long g0 = System.nanoTime();
			// BENCH_TOKENS=none: paper questionnaires, the token column left empty
			List<String> tokens = withTokens ? b.links(id, n) : java.util.Collections.nCopies(n, "");
			generate(csv, n, villages, tokens);
			System.out.printf("made %,d links and wrote their responses in %.1f s (%,d bytes)%n", withTokens ? n : 0,
					(System.nanoTime() - g0) / 1e9, Files.size(csv));
			long t0 = System.nanoTime();
			String job = b.importFile(id, csv);
			imports.add((System.nanoTime() - t0) / 1e6);
			if (run == 0) {
				System.out.println("  first import's job: " + (job.length() > 160 ? job.substring(0, 160) : job));
			}
		}
		report("import CSV, validated, all or nothing", imports);

		String p = "/api/v1/surveys/" + id;
		b.time("statistics of every question", p + "/statistics");
		b.time("crosstab q01 x q02", p + "/crosstab?row=q01&col=q02");
		b.time("crosstab problems x q05", p + "/crosstab?row=problems&col=q05");
		b.time("crosstab q01 x role", p + "/crosstab?row=q01&col=role");
		b.time("crosstab q21 x region (CITY)", p + "/crosstab?row=q21&col=region&level=CITY");
		b.time("ranking top3 (3-2-1 points)", p + "/ranking?question=top3");
		b.time("ranking problems (counts)", p + "/ranking?question=problems");
		b.time("summary (dashboard figures) by city", p + "/summary");
		b.time("summary by county", p + "/summary?level=COUNTY");

		List<Double> csvExports = new ArrayList<>();
		List<Double> xlsxExports = new ArrayList<>();
		List<Double> texts = new ArrayList<>();
		for (int run = 0; run < runs; run++) {
			csvExports.add(b.job(p + "/exports?format=csv"));
		}
		report("export CSV of every response (job)", csvExports);
		for (int run = 0; run < runs; run++) {
			xlsxExports.add(b.job(p + "/exports?format=xlsx"));
		}
		report("export XLSX of every response (job)", xlsxExports);
		for (int run = 0; run < runs; run++) {
			texts.add(b.job(p + "/text-analysis"));
		}
		report("open-text analysis of every answer (job)", texts);
		System.out.println("questionnaire " + id);
	}

	static void report(String label, List<Double> millis) {
		List<Double> sorted = new ArrayList<>(millis);
		Collections.sort(sorted);
		StringBuilder runs = new StringBuilder();
		millis.forEach(t -> runs.append(String.format("%.1f ", t / 1000)));
		System.out.printf("%-40s median %7.1f s   (runs %s)%n", label, sorted.get(sorted.size() / 2) / 1000, runs.toString().trim());
	}

	/** POSTs to start a job, waits until it SUCCEEDED, and returns the milliseconds from request to done. */
	double job(String path) throws Exception {
		long t0 = System.nanoTime();
		HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", bearer)
			.POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
		if (r.statusCode() != 202) {
			throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
		}
		String jobId = r.body().replaceAll("\\D+", "");
		while (true) {
			HttpResponse<String> job = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/jobs/" + jobId))
				.header("Authorization", bearer).GET().build(), HttpResponse.BodyHandlers.ofString());
			if (job.body().contains("\"SUCCEEDED\"")) {
				return (System.nanoTime() - t0) / 1e6;
			}
			if (job.body().contains("\"FAILED\"")) {
				throw new IllegalStateException(path + " failed: " + job.body());
			}
			Thread.sleep(50);
		}
	}

	void login(String user, String password) throws Exception {
		String basic = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/me/tokens"))
			.header("Authorization", basic)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"bench\",\"validityDays\":1}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		Matcher m = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"").matcher(created.body());
		if (!m.find()) {
			throw new IllegalStateException("could not create a token: " + created.statusCode() + " " + created.body());
		}
		bearer = "Bearer " + m.group(1);
	}

	static List<String> villages(Path divisions) throws IOException {
		List<String> codes = new ArrayList<>();
		for (String line : Files.readAllLines(divisions)) {
			String[] f = line.split(",");
			if (f.length >= 3 && f[0].length() == 12) {
				codes.add(f[0]);
			}
		}
		return codes;
	}

	static String[] r(String... cells) {
		return cells;
	}

	static byte[] form(String formId) throws IOException {
		List<String[]> survey = new ArrayList<>();
		survey.add(r("type", "name", "label", "required", "parameters"));
		for (int i = 1; i <= 20; i++) {
			survey.add(r("select_one agree", String.format("q%02d", i), "问题 " + i, "yes"));
		}
		for (int i = 21; i <= 30; i++) {
			survey.add(r("range", String.format("q%02d", i), "评分 " + i, "yes", "start=1 end=5"));
		}
		survey.add(r("select_multiple problems", "problems", "存在的主要问题", "yes"));
		survey.add(r("rank problems", "top3", "最突出的三个问题", "no"));
		survey.add(r("text", "open1", "您的建议", "no"));
		survey.add(r("text", "open2", "其他意见", "no"));
		List<String[]> choices = new ArrayList<>();
		choices.add(r("list_name", "name", "label"));
		String[] agree = { "非常同意", "同意", "一般", "不同意", "非常不同意" };
		for (int i = 0; i < 5; i++) {
			choices.add(r("agree", String.valueOf((char) ('a' + i)), agree[i]));
		}
		for (int i = 1; i <= 15; i++) {
			choices.add(r("problems", "p" + i, "问题" + i));
		}
		try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			sheet(wb, "survey", survey);
			sheet(wb, "choices", choices);
			sheet(wb, "settings", List.of(r("form_id", "form_title"), r(formId, "基层治理中梗阻问卷（基准）")));
			wb.write(out);
			return out.toByteArray();
		}
	}

	static void sheet(XSSFWorkbook wb, String name, List<String[]> rows) {
		Sheet s = wb.createSheet(name);
		for (int i = 0; i < rows.size(); i++) {
			Row row = s.createRow(i);
			for (int c = 0; c < rows.get(i).length; c++) {
				if (rows.get(i)[c] != null) {
					row.createCell(c).setCellValue(rows.get(i)[c]);
				}
			}
		}
	}

	/** A per-person distribution of the questionnaire with n links (made 50,000 a request); their tokens. */
	List<String> links(long id, int n) throws Exception {
		String body = "{\"name\":\"bench\",\"kind\":\"TOKENS\",\"anonymous\":true,\"region\":\"23\",\"closesAt\":\""
				+ java.time.Instant.now().plus(Duration.ofDays(7)) + "\",\"targets\":[{\"role\":\"GRID_WORKER\",\"region\":\"23\","
				+ "\"count\":" + n + "}]}";
		HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/surveys/" + id
				+ "/distributions")).header("Authorization", bearer).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
		Matcher d = Pattern.compile("\"id\"\\s*:\\s*(\\d+)").matcher(created.body());
		if (created.statusCode() != 201 || !d.find()) {
			throw new IllegalStateException("could not create the distribution: " + created.statusCode() + " " + created.body());
		}
		List<String> tokens = new ArrayList<>(n);
		Pattern token = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");
		while (tokens.size() < n) {
			HttpResponse<String> made = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/surveys/" + id
					+ "/distributions/" + d.group(1) + "/links")).header("Authorization", bearer)
				.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"source\":\"COUNT\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());
			Matcher m = token.matcher(made.body());
			int before = tokens.size();
			while (m.find()) {
				tokens.add(m.group(1));
			}
			if (made.statusCode() != 201 || tokens.size() == before) {
				throw new IllegalStateException("could not make links: " + made.statusCode());
			}
		}
		return tokens;
	}

	static void generate(Path csv, int n, List<String> villages, List<String> tokens) throws IOException {
		Random random = new Random(42);
		try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
			w.write("token,role,region,submitted_at");
			for (int i = 1; i <= 30; i++) {
				w.write(String.format(",q%02d", i));
			}
			w.write(",problems,top3,open1,open2\r\n");
			StringBuilder sb = new StringBuilder(256);
			for (int row = 0; row < n; row++) {
				sb.setLength(0);
				sb.append(tokens.get(row)).append(',').append(ROLES[random.nextInt(ROLES.length)]).append(',')
					.append(villages.get(random.nextInt(villages.size()))).append(",2026-03-")
					.append(String.format("%02d", 1 + random.nextInt(28))).append("T09:30:00+08:00");
				for (int i = 0; i < 20; i++) {
					sb.append(',').append((char) ('a' + Math.min(4, (int) Math.abs(random.nextGaussian() * 1.6))));
				}
				for (int i = 0; i < 10; i++) {
					sb.append(',').append(1 + random.nextInt(5));
				}
				int picks = 1 + random.nextInt(4);
				List<Integer> problems = new ArrayList<>();
				while (problems.size() < picks) {
					int p = 1 + Math.min(14, (int) Math.abs(random.nextGaussian() * 5));
					if (!problems.contains(p)) {
						problems.add(p);
					}
				}
				sb.append(',');
				for (int i = 0; i < problems.size(); i++) {
					sb.append(i > 0 ? " " : "").append('p').append(problems.get(i));
				}
				Collections.shuffle(problems, random);
				sb.append(',');
				for (int i = 0; i < Math.min(3, problems.size()); i++) {
					sb.append(i > 0 ? " " : "").append('p').append(problems.get(i));
				}
				sb.append(',').append(PHRASES[random.nextInt(PHRASES.length)]);
				sb.append(',').append(random.nextInt(3) == 0 ? PHRASES[random.nextInt(PHRASES.length)] : "");
				sb.append("\r\n");
				w.write(sb.toString());
			}
		}
	}

	long createQuestionnaire(byte[] xlsx) throws Exception {
		HttpResponse<String> r = multipart("/api/v1/surveys/xlsform", "form.xlsx", xlsx);
		if (r.statusCode() != 201) {
			throw new IllegalStateException("questionnaire: " + r.statusCode() + " " + r.body());
		}
		return Long.parseLong(r.body().replaceAll("\\D+", ""));
	}

	String importFile(long id, Path csv) throws Exception {
		HttpResponse<String> r = multipart("/api/v1/surveys/" + id + "/imports", "responses.csv", Files.readAllBytes(csv));
		if (r.statusCode() != 202) {
			throw new IllegalStateException("import: " + r.statusCode() + " " + r.body());
		}
		String jobId = r.body().replaceAll("\\D+", "");
		while (true) {
			HttpResponse<String> job = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/jobs/" + jobId))
				.header("Authorization", bearer).GET().build(), HttpResponse.BodyHandlers.ofString());
			if (job.body().contains("\"SUCCEEDED\"")) {
				return job.body();
			}
			if (job.body().contains("\"FAILED\"")) {
				throw new IllegalStateException("import failed: " + job.body());
			}
			Thread.sleep(50);
		}
	}

	HttpResponse<String> multipart(String path, String fileName, byte[] content) throws Exception {
		String boundary = "----bench" + UUID.randomUUID();
		ByteArrayOutputStream body = new ByteArrayOutputStream(content.length + 512);
		body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
				+ "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
		body.write(content);
		body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return http.send(HttpRequest.newBuilder(URI.create(base + path))
			.header("Authorization", bearer)
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	void time(String label, String path) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", bearer).GET().build();
		long f0 = System.nanoTime();
		HttpResponse<String> first = http.send(request, HttpResponse.BodyHandlers.ofString());
		double firstMillis = (System.nanoTime() - f0) / 1e6;
		if (first.statusCode() != 200) {
			throw new IllegalStateException(path + " answered " + first.statusCode() + ": " + first.body());
		}
		List<Double> times = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			long t0 = System.nanoTime();
			HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
			times.add((System.nanoTime() - t0) / 1e6);
			if (r.statusCode() != 200) {
				throw new IllegalStateException(path + " answered " + r.statusCode());
			}
		}
		List<Double> sorted = new ArrayList<>(times);
		Collections.sort(sorted);
		StringBuilder runs = new StringBuilder();
		times.forEach(t -> runs.append(String.format("%.0f ", t)));
		System.out.printf("%-40s median %7.1f ms  (runs %s; first request %.0f ms)%n", label, sorted.get(2),
				runs.toString().trim(), firstMillis);
	}
}
