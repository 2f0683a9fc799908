package cn.grassroots.training.internal;

/** How a session reaches the trainees: relayed live from the main classroom, in the room, or in the field. */
public enum Delivery {
	LIVE_RELAY, OFFLINE, FIELD
}
