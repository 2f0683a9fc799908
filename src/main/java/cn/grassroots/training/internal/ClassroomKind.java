package cn.grassroots.training.internal;

/** 主课堂 (the provincial classroom whose live sessions are relayed) or 分课堂. */
public enum ClassroomKind {
	MAIN, BRANCH
}
