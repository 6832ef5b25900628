package cmsdoctor.web;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A sign-in lasts {@link Access#SESSION_LIFETIME}, then the cookie no longer opens anything. */
class AccessSessionTest {

    /** A clock the test moves by hand. */
    static final class HandClock extends Clock {
        Instant now = Instant.parse("2026-11-26T08:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aSessionExpiresAfterItsLifetime() {
        HandClock clock = new HandClock();
        Access access = new Access("secret", clock);
        String session = access.startSession();
        assertTrue(access.sessionValid(session));

        clock.now = clock.now.plus(Access.SESSION_LIFETIME).minus(Duration.ofMinutes(1));
        assertTrue(access.sessionValid(session), "still valid a minute before the end");

        clock.now = clock.now.plus(Duration.ofMinutes(1));
        assertFalse(access.sessionValid(session), "expired at the end of its lifetime");
        clock.now = clock.now.minus(Duration.ofHours(1));
        assertFalse(access.sessionValid(session), "an expired session is forgotten, not revived");
    }

    @Test
    void unknownSessionsAreRefused() {
        Access access = new Access("secret", new HandClock());
        assertFalse(access.sessionValid(null));
        assertFalse(access.sessionValid("00".repeat(32)));
    }
}
