/** Users, registration, login and the short-lived connection tokens. */
package io.pulsechat.account;
