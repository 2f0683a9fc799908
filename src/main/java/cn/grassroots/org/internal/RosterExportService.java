package cn.grassroots.org.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Service;

import cn.grassroots.org.PostType;
import cn.grassroots.platform.ForbiddenException;
import cn.grassroots.platform.NotFoundException;
import cn.grassroots.platform.jobs.Job;
import cn.grassroots.platform.jobs.JobFailedException;
import cn.grassroots.platform.jobs.JobService;
import cn.grassroots.platform.security.AccessScope;
import cn.grassroots.platform.security.CurrentUser;
import cn.grassroots.platform.security.Permission;
import tools.jackson.databind.JsonNode;

/**
 * Roster export: the list's filters become a ROSTER_EXPORT job. The job resolves the owner's
 * ROSTER_EXPORT scope again when it runs and filters in SQL; phones and ID numbers are masked.
 */
@Service
public class RosterExportService {

	private final JobService jobs;
	private final CurrentUser user;
	private final RegionRepository regions;
	private final PersonService personService;

	RosterExportService(JobService jobs, CurrentUser user, RegionRepository regions, PersonService personService) {
		this.jobs = jobs;
		this.user = user;
		this.regions = regions;
		this.personService = personService;
	}

	/** Queues the export of the people matching the criteria within the caller's ROSTER_EXPORT scope. */
	public Job submit(PersonRepository.Criteria criteria) {
		AccessScope scope = user.require(Permission.ROSTER_EXPORT);
		requireRegion(scope, criteria);
		return jobs.submit(RosterJobs.EXPORT, parameters(criteria));
	}

	/** A region filter must exist (404) and overlap the scope (403). */
	AccessScope requireRegion(AccessScope scope, PersonRepository.Criteria criteria) {
		if (criteria.regionCode() != null) {
			regions.find(criteria.regionCode()).orElseThrow(() -> new NotFoundException("no region " + criteria.regionCode()));
			if (!personService.touches(scope, criteria.regionCode())) {
				throw new ForbiddenException("region " + criteria.regionCode() + " is outside your scope");
			}
		}
		return scope;
	}

	static String parameters(PersonRepository.Criteria c) {
		Map<String, Object> p = new LinkedHashMap<>();
		p.put("region", c.regionCode());
		p.put("name", c.name() == null || c.name().isBlank() ? null : c.name().trim());
		p.put("post", c.post() == null ? null : c.post().name());
		p.put("partyMember", c.partyMember());
		p.put("unit", c.unitId());
		p.put("grid", c.gridId());
		return RosterJobs.JSON.writeValueAsString(p);
	}

	static PersonRepository.Criteria criteria(String parameters) {
		try {
			JsonNode n = RosterJobs.JSON.readTree(parameters);
			return new PersonRepository.Criteria(longOrNull(n, "region"), textOrNull(n, "name"),
					textOrNull(n, "post") == null ? null : PostType.valueOf(textOrNull(n, "post")),
					n.hasNonNull("partyMember") ? n.get("partyMember").asBoolean() : null, longOrNull(n, "unit"),
					longOrNull(n, "grid"));
		}
		catch (RuntimeException e) {
			throw new JobFailedException("job.failed.invalid");
		}
	}

	private static Long longOrNull(JsonNode n, String field) {
		return n.hasNonNull(field) ? n.get(field).asLong() : null;
	}

	private static String textOrNull(JsonNode n, String field) {
		return n.hasNonNull(field) ? n.get(field).asText() : null;
	}
}
