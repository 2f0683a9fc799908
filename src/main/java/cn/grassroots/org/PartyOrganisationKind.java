package cn.grassroots.org;

/** 党委 / 党工委 / 党总支 / 党支部. */
public enum PartyOrganisationKind {
	COMMITTEE, WORKING_COMMITTEE, GENERAL_BRANCH, BRANCH;

	public String messageKey() {
		return "partyOrg.kind." + name();
	}
}
