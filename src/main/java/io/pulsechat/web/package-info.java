/** Pages, security configuration and the problem+json error answers. */
package io.pulsechat.web;
