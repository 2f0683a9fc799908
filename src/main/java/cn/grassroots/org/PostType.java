package cn.grassroots.org;

/** 职务: the coded list of posts that later modules select people by. */
public enum PostType {
	COMMUNITY_PARTY_SECRETARY(Anchor.REGION),
	COMMUNITY_COMMITTEE_DIRECTOR(Anchor.REGION),
	VILLAGE_PARTY_SECRETARY(Anchor.REGION),
	VILLAGE_COMMITTEE_DIRECTOR(Anchor.REGION),
	COMMUNITY_WORKER(Anchor.REGION),
	GRID_WORKER(Anchor.GRID),
	STREET_PARTY_SECRETARY(Anchor.REGION),
	TOWNSHIP_PARTY_SECRETARY(Anchor.REGION),
	ORGANISATION_DEPARTMENT_OFFICER(Anchor.UNIT),
	SOCIAL_WORK_DEPARTMENT_OFFICER(Anchor.UNIT),
	DEPARTMENT_OFFICER(Anchor.UNIT),
	UNIT_LIAISON(Anchor.UNIT),
	PARTY_SCHOOL_TEACHER(Anchor.UNIT),
	RESIDENT_REPRESENTATIVE(Anchor.REGION),
	VOLUNTEER(Anchor.REGION);

	/** Where the post is held. */
	public enum Anchor {
		REGION, GRID, UNIT
	}

	private final Anchor anchor;

	PostType(Anchor anchor) {
		this.anchor = anchor;
	}

	public Anchor anchor() {
		return anchor;
	}

	public String messageKey() {
		return "post." + name();
	}
}
