# Two builds in one run, against a local EC2 emulator: the source of recorded/two-builds.txt.

variable "ec2_endpoint" {
  type = string
}

source "amazon-ebs" "web" {
  region                     = "us-east-1"
  instance_type              = "t3.micro"
  ami_name                   = "recorded-web"
  custom_endpoint_ec2        = var.ec2_endpoint
  skip_credential_validation = true
  skip_metadata_api_check    = true
  skip_region_validation     = true
  communicator               = "none"
  source_ami_filter {
    filters = {
      name = "al2023-ami-2023.*-x86_64"
    }
    owners      = ["amazon"]
    most_recent = true
  }
}

source "amazon-ebs" "worker" {
  region                     = "us-east-1"
  ami_regions                = ["us-west-2"]
  instance_type              = "t3.micro"
  ami_name                   = "recorded-worker"
  custom_endpoint_ec2        = var.ec2_endpoint
  skip_credential_validation = true
  skip_metadata_api_check    = true
  skip_region_validation     = true
  communicator               = "none"
  source_ami_filter {
    filters = {
      name = "al2023-ami-2023.*-x86_64"
    }
    owners      = ["amazon"]
    most_recent = true
  }
}

build {
  name    = "release"
  sources = ["source.amazon-ebs.web", "source.amazon-ebs.worker"]
}
