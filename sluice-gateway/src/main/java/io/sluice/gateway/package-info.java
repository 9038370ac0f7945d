/** The gateway server: its configuration, its client keys, and the endpoints clients call. */
package io.sluice.gateway;
