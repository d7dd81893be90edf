package io.graphqlusers.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HexFormat;

import jakarta.enterprise.context.ApplicationScoped;

import io.graphqlusers.common.config.AppConfig;
import io.graphqlusers.common.error.ApiException;
import io.graphqlusers.common.throttle.TokenBuckets;

/**
 * The budgets of {@link CredentialAttempt}: each attempt costs a password hash (about 170 ms of a core at cost 11),
 * so the general rate limit, sized for reads, would let one client keep every core hashing. Per address, for one
 * client's flood; per account, for guessing one password from many addresses. Both count every attempt, a right one
 * too: whether it was right is only known after the hash it should not cost. Off with {@code app.rate-limit.enabled}.
 * One instance for every operation that tries a password, so that they share the budgets.
 */
@ApplicationScoped
public class CredentialBudget {

    // Longer keys come from input that validation refuses before anything is hashed (emails are at most 254).
    private static final int MAX_KEY_LENGTH = 300;

    private final boolean enabled;
    private final TokenBuckets perAddress;
    private final TokenBuckets perAccount;

    CredentialBudget(AppConfig config) {
        AppConfig.RateLimit limit = config.rateLimit();
        this.enabled = limit.enabled();
        int byAddress = limit.credentials().perAddressPerMinute();
        int byAccount = limit.credentials().perAccountPerMinute();
        this.perAddress = new TokenBuckets(byAddress / 60.0, byAddress, limit.maxClients());
        this.perAccount = new TokenBuckets(byAccount / 60.0, byAccount, limit.maxClients());
    }

    /** Takes one attempt from the address's and the account's budget, or refuses with RATE_LIMITED. */
    public void take(String address, String account) {
        if (!enabled || account.length() > MAX_KEY_LENGTH) {
            return;
        }
        long wait = perAddress.acquire(addressKey(address));
        if (wait == 0) {
            wait = perAccount.acquire(account);
        }
        if (wait > 0) {
            throw ApiException.rateLimited("Too many sign-in attempts; retry after " + wait + " s", wait);
        }
    }

    /**
     * An IPv6 client is its /64: one host usually holds a whole /64 and could otherwise rotate through its addresses,
     * a budget each.
     */
    static String addressKey(String address) {
        if (address.indexOf(':') < 0) {
            return address;
        }
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress();
            return bytes.length == 16 ? HexFormat.of().formatHex(Arrays.copyOf(bytes, 8)) + "::/64" : address;
        } catch (UnknownHostException e) {
            return address;
        }
    }
}
