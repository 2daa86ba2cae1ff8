"""How the dashboard is deployed: the load balancer's configuration and its loopback harness."""
