package cn.grassroots.training.internal;

/** A seminar group's list: written while DRAFT; ADOPTED lists never change again. */
public enum ActionListStatus {
	DRAFT, ADOPTED
}
