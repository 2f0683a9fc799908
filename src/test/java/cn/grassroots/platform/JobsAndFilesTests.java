package cn.grassroots.platform;

import static cn.grassroots.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

import cn.grassroots.IntegrationTest;
import cn.grassroots.Jobs;
import cn.grassroots.platform.files.FilePurpose;
import cn.grassroots.platform.files.FileStore;
import cn.grassroots.platform.files.StoredFile;
import cn.grassroots.platform.jobs.JobService;

@IntegrationTest
class JobsAndFilesTests {

	private static final String EXPORT_PARAMS = "{\"region\":230102000000}";

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JobService jobs;

	@Autowired
	FileStore files;

	private long insertJob(String owner, String state, String runner) {
		return Sql.insert(jdbc.sql("""
				INSERT INTO job (kind, owner, state, progress, rows_done, error_count, parameters, runner, created_at, started_at)
				VALUES ('ROSTER_EXPORT', :owner, :state, 0.4, 12, 0, :params, :runner, :now, :now)""")
			.param("owner", owner)
			.param("state", state)
			.param("params", EXPORT_PARAMS)
			.param("runner", runner)
			.param("now", Sql.now()));
	}

	private String state(long jobId) {
		return jdbc.sql("SELECT state FROM job WHERE id = :id").param("id", jobId).query(String.class).single();
	}

	@Test
	void aJobLeftRunningByAnEarlierProcessIsMarkedFailedAndCanBeRunAgain() throws Exception {
		long id = insertJob("harbin-admin", "RUNNING", "a-process-that-died");
		assertThat(jobs.recoverInterrupted()).isGreaterThanOrEqualTo(1);
		assertThat(state(id)).isEqualTo("FAILED");
		mvc.perform(get("/api/v1/jobs/" + id).with(as("harbin-admin")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("FAILED"))
			.andExpect(jsonPath("$.message").value("任务因系统重启而中断，可重新运行。"))
			.andExpect(jsonPath("$.rows").value(12))
			.andExpect(jsonPath("$.errors").isArray())
			.andExpect(jsonPath("$.resultUrl").doesNotExist());

		String rerun = mvc.perform(post("/api/v1/jobs/" + id + "/rerun").with(as("harbin-admin")))
			.andExpect(status().isAccepted())
			.andExpect(jsonPath("$.kind").value("ROSTER_EXPORT"))
			.andExpect(jsonPath("$.rerunOf").value(id))
			.andReturn().getResponse().getContentAsString();
		long again = Jobs.id(rerun, "$.id");
		assertThat(jdbc.sql("SELECT parameters FROM job WHERE id = :id").param("id", again).query(String.class).single())
			.isEqualTo(EXPORT_PARAMS);
		String done = Jobs.awaitFinished(mvc, "harbin-admin", again);
		assertThat((String) JsonPath.read(done, "$.state")).isEqualTo("SUCCEEDED");
		assertThat((String) JsonPath.read(done, "$.resultUrl")).startsWith("/api/v1/files/");
		// the recovery leaves alone what has finished
		assertThat(state(again)).isEqualTo("SUCCEEDED");
	}

	@Test
	void aQueuedJobIsRunOnceByTheWorkers() throws Exception {
		long id = insertJob("harbin-admin", "QUEUED", null);
		String done = Jobs.awaitFinished(mvc, "harbin-admin", id);
		assertThat((String) JsonPath.read(done, "$.state")).isEqualTo("SUCCEEDED");
		assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'PERSON_EXPORT' AND target_id = :id")
			.param("id", Long.toString(id)).query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void everyoneSeesOnlyTheirOwnJobs() throws Exception {
		long mine = insertJob("harbin-admin", "FAILED", "x");
		long running = insertJob("harbin-admin", "RUNNING", "some-live-runner");
		try {
			String list = mvc.perform(get("/api/v1/jobs").param("size", "100").with(as("harbin-admin")))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.page.totalElements").isNumber())
				.andReturn().getResponse().getContentAsString();
			List<Integer> ids = JsonPath.read(list, "$.content[*].id");
			assertThat(ids).contains((int) mine, (int) running);
			assertThat(ids).isSortedAccordingTo((a, b) -> Integer.compare(b, a));
			String theirs = mvc.perform(get("/api/v1/jobs").param("size", "100").with(as("hlj-admin")))
				.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
			assertThat((List<Integer>) JsonPath.read(theirs, "$.content[*].id")).doesNotContain((int) mine, (int) running);

			mvc.perform(get("/api/v1/jobs/" + mine).with(as("hlj-admin"))).andExpect(status().isForbidden());
			mvc.perform(post("/api/v1/jobs/" + mine + "/rerun").with(as("hlj-admin"))).andExpect(status().isForbidden());
			mvc.perform(post("/api/v1/jobs/" + running + "/rerun").with(as("harbin-admin"))).andExpect(status().isConflict());
			mvc.perform(get("/api/v1/jobs/999999999").with(as("harbin-admin"))).andExpect(status().isNotFound());
			mvc.perform(get("/api/v1/jobs/abc").with(as("harbin-admin")))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
			mvc.perform(get("/api/v1/jobs").param("size", "0").with(as("harbin-admin"))).andExpect(status().isBadRequest());

			String page = mvc.perform(get("/jobs").with(as("harbin-admin")))
				.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
			assertThat(page).contains("后台任务", "人员名册导出", "job-" + mine, "text-bg-danger", "失败");
			// a running job's row refreshes itself; a finished one does not
			String row = mvc.perform(get("/jobs/" + running + "/row").with(as("harbin-admin")))
				.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
			assertThat(row).contains("hx-trigger=\"every 2s\"", "运行中", "40%");
			String finished = mvc.perform(get("/jobs/" + mine + "/row").with(as("harbin-admin")))
				.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
			assertThat(finished).doesNotContain("hx-trigger");
			mvc.perform(get("/jobs/" + mine).with(as("harbin-admin")))
				.andExpect(status().isOk())
				.andExpect(content().string(org.hamcrest.Matchers.containsString("data-testid=\"job-status\"")));
			mvc.perform(get("/jobs/" + mine).with(as("hlj-admin"))).andExpect(status().isForbidden());
			mvc.perform(get("/jobs/abc").with(as("harbin-admin"))).andExpect(status().isBadRequest());
			String rerunPage = mvc.perform(post("/jobs/" + mine + "/rerun").with(as("harbin-admin")).with(csrf()))
				.andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
			Jobs.awaitFinished(mvc, "harbin-admin", Long.parseLong(rerunPage.substring(6)));
		}
		finally {
			jdbc.sql("UPDATE job SET state = 'FAILED' WHERE id = :id").param("id", running).update();
		}
	}

	@Test
	void theFileStoreKeepsHashSizeAndOwnerAndRemovesExpiredFiles() throws Exception {
		byte[] content = "名册 hello".getBytes(StandardCharsets.UTF_8);
		StoredFile file = files.store(new ByteArrayInputStream(content), "C:\\fakepath\\说明.txt", "text/plain", "harbin-admin",
				FilePurpose.UPLOAD, Duration.ofHours(1));
		assertThat(file.name()).isEqualTo("说明.txt");
		assertThat(file.size()).isEqualTo(content.length);
		assertThat(file.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
		try (var in = files.open(file)) {
			assertThat(in.readAllBytes()).isEqualTo(content);
		}
		mvc.perform(get("/api/v1/files/" + file.id()).with(as("harbin-admin")))
			.andExpect(status().isOk())
			.andExpect(content().bytes(content));
		mvc.perform(get("/api/v1/files/" + file.id()).with(as("hlj-admin"))).andExpect(status().isForbidden());
		// only downloads of exports are audited
		assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE target_id = :id").param("id", file.id())
			.query(Long.class).single()).isZero();

		files.expireNow(file.id());
		mvc.perform(get("/api/v1/files/" + file.id()).with(as("harbin-admin"))).andExpect(status().isNotFound());
		assertThat(files.deleteExpired()).isGreaterThanOrEqualTo(1);
		assertThat(files.find(file.id())).isEmpty();
		assertThatThrownBy(() -> files.open(file)).isInstanceOf(NotFoundException.class);
	}
}
